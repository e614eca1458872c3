using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Embedded;

/// <summary>Embedded-only lexical behaviour: where the Lucene index lives, restarts, crash detection, eviction races.</summary>
public sealed class EmbeddedLexicalTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TheLexicalIndexMovesWithItsVersionAndSurvivesARestart()
    {
        var first = NewIndex();
        await first.CreateVersionAsync("lex", "v1", 4);
        Assert.True(Directory.Exists(Path.Combine(_directory.Path, "building", "lex", "v1", "lexical")));
        await first.UpsertAsync("lex", "v1", Points("harbour cranes", "desert caravans", "harbour pilots"));
        await first.PublishVersionAsync("lex", "v1");
        var before = await first.LexicalSearchAsync(new LexicalSearchRequest("lex", "harbour", 10));

        var second = NewIndex(); // a new process on the same directory

        var after = await second.LexicalSearchAsync(new LexicalSearchRequest("lex", "harbour", 10));
        Assert.Equal(before.Hits, after.Hits);
        Assert.Equal(["p0", "p2"], after.Hits.Select(h => h.PassageId).Order());
        Assert.True(Directory.Exists(Path.Combine(_directory.Path, "collections", "lex", "v1", "lexical")));
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "building", "lex", "v1")));
    }

    [Fact]
    public async Task PublishRefusesABuildWhoseLexicalIndexMissesPassagesUntilTheyAreUpsertedAgain()
    {
        var index = NewIndex();
        await index.CreateVersionAsync("gap", "v1", 4);
        await index.UpsertAsync("gap", "v1", Points("first passage", "second passage"));
        // A crash between an upsert's segment file and its lexical commit: the vectors have a passage Lucene lacks.
        var lost = Points("first passage", "second passage", "third passage")[2];
        await SegmentFile.WriteAsync(EmbeddedLayout.SegmentFile(Path.Combine(_directory.Path, "building", "gap", "v1"), 99), [lost], 4, default);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => index.PublishVersionAsync("gap", "v1"));
        Assert.Contains("3 passages but its lexical index has 2", error.Message, StringComparison.Ordinal);
        Assert.Null(await index.GetLiveVersionAsync("gap"));

        await index.UpsertAsync("gap", "v1", [lost]); // the retried upsert
        await index.PublishVersionAsync("gap", "v1");
        Assert.Equal("p2", (await index.LexicalSearchAsync(new LexicalSearchRequest("gap", "third", 5))).Hits[0].PassageId);
    }

    [Fact]
    public async Task LexicalSearchesKeepWorkingWhileVersionsAreSwitchedAndPruned()
    {
        var index = NewIndex();
        await PublishAsync(index, "v1");
        var errors = 0;
        using var stop = new CancellationTokenSource();
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var searches = 0;
            while (!stop.IsCancellationRequested || searches < 5)
            {
                var result = await index.LexicalSearchAsync(new LexicalSearchRequest("swap", "harbour", 5));
                if (result.Hits.Count != 2 || result.Hits.Any(h => h.Title != result.ModelVersion))
                {
                    Interlocked.Increment(ref errors);
                }

                searches++;
            }
        })).ToArray();

        foreach (var version in new[] { "v2", "v3", "v4", "v5" })
        {
            await PublishAsync(index, version);
            await index.PruneVersionsAsync("swap");
        }

        await stop.CancelAsync();
        await Task.WhenAll(searchers); // rethrows any search failure

        Assert.Equal(0, errors);
        Assert.Equal(["v3", "v4", "v5"], (await index.ListVersionsAsync("swap")).Select(v => v.ModelVersion));
    }

    [Fact]
    public async Task AVersionPublishedBeforeLexicalSearchExistedStillServesVectorsAndSaysWhyItHasNoLexicalIndex()
    {
        var index = NewIndex();
        await index.CreateVersionAsync("old", "v1", 4);
        var points = Points("harbour cranes", "desert caravans");
        await index.UpsertAsync("old", "v1", points);
        await index.PublishVersionAsync("old", "v1");
        // Make it look like a version written by the previous release: no lexical/ folder, no analyzer in the manifest.
        var folder = Path.Combine(_directory.Path, "collections", "old", "v1");
        Directory.Delete(Path.Combine(folder, "lexical"), recursive: true);
        var manifest = Path.Combine(folder, "manifest.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        Assert.True(json.Remove("lexicalAnalyzer"));
        File.WriteAllText(manifest, json.ToJsonString());

        var restarted = NewIndex();

        Assert.Equal("p0", (await restarted.SearchAsync(new VectorSearchRequest("old", points[0].Vector, 1))).Hits[0].PassageId);
        var error = await Assert.ThrowsAsync<LexicalIndexUnavailableException>(() => restarted.LexicalSearchAsync(new LexicalSearchRequest("old", "harbour", 5)));
        Assert.Contains("built without a lexical index", error.Message, StringComparison.Ordinal);
    }

    private async Task PublishAsync(EmbeddedVectorIndex index, string version)
    {
        await index.CreateVersionAsync("swap", version, 4);
        var points = Points("harbour cranes", "desert caravans", "harbour pilots").Select(p => p with { Title = version }).ToArray();
        await index.UpsertAsync("swap", version, points);
        await index.PublishVersionAsync("swap", version);
    }

    private EmbeddedVectorIndex NewIndex() => new(new VectorStoreOptions { DataDirectory = _directory.Path });

    private static VectorPoint[] Points(params string[] texts)
    {
        var vectors = TestVectors.RandomUnit(texts.Length, 4, seed: 77);
        return texts.Select((t, i) => new VectorPoint($"p{i}", "", t, vectors[i])).ToArray();
    }
}
