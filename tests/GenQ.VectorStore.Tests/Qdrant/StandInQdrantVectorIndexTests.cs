using GenQ.VectorStore.Qdrant;
using GenQ.VectorStore.Tests.Behaviour;
using GenQ.Testing.QdrantStandIn;
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

    [Fact]
    public async Task CollectionsCarryAnIdfSparseVectorAndTheBm25SettingsTheWeightsWereMadeWith()
    {
        await PublishTextsAsync("sparse", "v1", [("", "one two three four"), ("", "five six seven eight"), ("", "nine ten eleven twelve")]);

        var (modifier, avgdl, k1, analyzer) = _server!.State.With("genq.sparse.v1", c => (
            c.SparseConfig().Map["bm25"].Modifier, c.Metadata["genq_bm25_avgdl"].DoubleValue, c.Metadata["genq_bm25_k1"].DoubleValue,
            c.Metadata["genq_lexical_analyzer"].StringValue));

        Assert.Equal(global::Qdrant.Client.Grpc.Modifier.Idf, modifier);
        Assert.Equal((4.0, 0.9, "English"), (avgdl, Math.Round(k1, 6), analyzer));
        // df 1 of N 3: idf = ln(1 + 2.5 / 1.5); tf 1, dl = avgdl: 1.9 / (1 + 0.9).
        var hit = Assert.Single((await Index.LexicalSearchAsync(new Model.LexicalSearchRequest("sparse", "seven", 3))).Hits);
        Assert.Equal(Math.Log(1 + (2.5 / 1.5)) * 1.9 / 1.9, hit.Score, 4);
        Assert.Equal("p1", hit.PassageId);
    }
}
