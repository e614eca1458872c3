using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GenQ.VectorStore.Tests.Infrastructure;

/// <summary>An xunit test case whose skip reason is computed at discovery (serialised with the case).</summary>
public sealed class BackendTestCase : XunitTestCase
{
    private string? _skipReason;

    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public BackendTestCase()
    {
    }

    public BackendTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay methodDisplay, TestMethodDisplayOptions methodDisplayOptions,
        ITestMethod testMethod, string? skipReason)
        : base(diagnosticMessageSink, methodDisplay, methodDisplayOptions, testMethod)
    {
        _skipReason = skipReason;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("BackendSkipReason", _skipReason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _skipReason = data.GetValue<string>("BackendSkipReason");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _skipReason ?? base.GetSkipReason(factAttribute);
}
