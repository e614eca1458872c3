using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Tests.Behaviour;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Embedded;

/// <summary>The shared suite on the embedded index (exact search), in a fresh temp directory per test.</summary>
public sealed class EmbeddedBehaviourTests : VectorIndexBehaviourTests
{
    private readonly TempDirectory _directory = new();

    protected override Task<IVectorIndex> CreateIndexAsync(VectorStoreOptions options)
    {
        options.DataDirectory = _directory.Path;
        return Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(options));
    }

    protected override Task CleanUpAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
