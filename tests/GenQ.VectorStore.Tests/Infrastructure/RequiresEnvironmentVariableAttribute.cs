namespace GenQ.VectorStore.Tests.Infrastructure;

/// <summary>
/// On a test class: every <see cref="BackendFactAttribute"/> test of the class is reported as skipped, with
/// <see cref="Reason"/>, unless environment variable <see cref="Name"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentVariableAttribute(string name, string reason) : Attribute
{
    public string Name { get; } = name;

    public string Reason { get; } = reason;
}
