using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Tests.Behaviour;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Embedded;

/// <summary>
/// The shared suite on the embedded index with int8 quantisation on. Exact top-k still holds on these small sets
/// because every candidate set (at least 64) is re-scored with the float vectors.
/// </summary>
public sealed class EmbeddedQuantizedBehaviourTests : VectorIndexBehaviourTests
{
    private readonly TempDirectory _directory = new();

    protected override Task<IVectorIndex> CreateIndexAsync(VectorStoreOptions options)
    {
        options.DataDirectory = _directory.Path;
        options.Quantization = true;
        return Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(options));
    }

    protected override Task CleanUpAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
