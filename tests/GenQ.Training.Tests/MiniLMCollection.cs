namespace GenQ.Training.Tests;

/// <summary>Test classes that need the real all-MiniLM-L6-v2 share one loaded copy (ONNX Runtime + TorchSharp).</summary>
[CollectionDefinition(Name)]
public sealed class MiniLMCollection : ICollectionFixture<MiniLMFixture>
{
    public const string Name = "MiniLM";
}
