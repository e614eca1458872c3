using Xunit.Abstractions;
using Xunit.Sdk;

namespace GenQ.VectorStore.Tests.Infrastructure;

/// <summary>Discovers <see cref="BackendFactAttribute"/> tests, skipping them when the class's environment variable is unset.</summary>
public sealed class BackendFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        string? skipReason = null;
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute)).FirstOrDefault();
        if (requirement is not null)
        {
            var name = requirement.GetNamedArgument<string>(nameof(RequiresEnvironmentVariableAttribute.Name));
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)))
            {
                skipReason = requirement.GetNamedArgument<string>(nameof(RequiresEnvironmentVariableAttribute.Reason));
            }
        }

        yield return new BackendTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skipReason);
    }
}
