using GenQ.VectorStore.Qdrant;
using GenQ.VectorStore.Tests.Behaviour;
using GenQ.VectorStore.Tests.StandIn;
using Qdrant.Client;

namespace GenQ.VectorStore.Tests.Qdrant;

/// <summary>The shared suite on QdrantVectorIndex talking gRPC to the in-process stand-in (NOT a real Qdrant).</summary>
public sealed class StandInQdrantVectorIndexTests : VectorIndexBehaviourTests
{
    private QdrantStandInServer? _server;

    protected override async Task<IVectorIndex> CreateIndexAsync(VectorStoreOptions options)
    {
        _server = await QdrantStandInServer.StartAsync();
        return QdrantVectorIndex.Connect(new QdrantConnection(_server.Address, null), options);
    }

    protected override async Task CleanUpAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryPublishIsOneUpdateAliasesRequest()
    {
        var vectors = Infrastructure.TestVectors.RandomUnit(5, 4, seed: 30);
        await PublishAsync("one-request", "v1", vectors);
        await PublishAsync("one-request", "v2", vectors);
        await Index.ActivateVersionAsync("one-request", "v1");

        Assert.Equal(3, _server!.State.UpdateAliasesRequests);
        var aliases = _server.State.Aliases().ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("genq.one-request.v1", aliases["genq.one-request"]);
        Assert.Equal("genq.one-request.v2", aliases["genq-previous.one-request"]);
        Assert.Equal("genq.one-request.v1", aliases["genq-ready.one-request.v1"]);
    }
}
