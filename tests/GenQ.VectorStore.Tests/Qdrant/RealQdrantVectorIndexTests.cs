using GenQ.VectorStore.Qdrant;
using GenQ.VectorStore.Tests.Behaviour;
using GenQ.VectorStore.Tests.Infrastructure;
using Qdrant.Client;

namespace GenQ.VectorStore.Tests.Qdrant;

/// <summary>
/// The shared suite against a real Qdrant server, e.g. <c>GENQ_TEST_QDRANT_ENDPOINT=http://localhost:6334</c> (gRPC port;
/// optional <c>GENQ_TEST_QDRANT_API_KEY</c>). Reported as skipped when the variable is not set. Every test uses its own
/// collection prefix and deletes what it created.
/// </summary>
[RequiresEnvironmentVariable(EndpointVariable,
    "No Qdrant server configured: set GENQ_TEST_QDRANT_ENDPOINT (gRPC endpoint, e.g. http://localhost:6334) to run this suite against a real Qdrant.")]
public sealed class RealQdrantVectorIndexTests : VectorIndexBehaviourTests
{
    public const string EndpointVariable = "GENQ_TEST_QDRANT_ENDPOINT";
    private readonly string _prefix = "genqtest" + Guid.NewGuid().ToString("N")[..8];
    private QdrantConnection? _connection;

    protected override Task<IVectorIndex> CreateIndexAsync(VectorStoreOptions options)
    {
        _connection = QdrantConnection.Parse(Environment.GetEnvironmentVariable(EndpointVariable)!, Environment.GetEnvironmentVariable("GENQ_TEST_QDRANT_API_KEY"));
        options.QdrantCollectionPrefix = _prefix;
        return Task.FromResult<IVectorIndex>(QdrantVectorIndex.Connect(_connection, options));
    }

    protected override async Task CleanUpAsync()
    {
        if (_connection is null)
        {
            return;
        }

        using var client = new QdrantClient(_connection.Endpoint, _connection.ApiKey);
        foreach (var collection in await client.ListCollectionsAsync())
        {
            if (collection.StartsWith(_prefix + ".", StringComparison.Ordinal))
            {
                await client.DeleteCollectionAsync(collection);
            }
        }
    }
}
