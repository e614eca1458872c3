using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Tests.Infrastructure;

namespace GenQ.VectorStore.Tests.Embedded;

/// <summary>Embedded-only behaviour: restarts, crash leftovers, several processes on one directory, int8 recall.</summary>
public sealed class EmbeddedVectorIndexTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AnIndexSurvivesARestartOnTheSameDirectory()
    {
        var vectors = TestVectors.RandomUnit(300, 24, seed: 40);
        var first = NewIndex();
        await PublishAsync(first, "restart", "v1", vectors, "v1 ");
        await PublishAsync(first, "restart", "v2", vectors, "v2 ");
        await first.CreateVersionAsync("restart", "v3", 24);
        await first.UpsertAsync("restart", "v3", TestVectors.Points(vectors));
        var before = await first.SearchAsync(new VectorSearchRequest("restart", vectors[9], 10));

        var second = NewIndex(); // a new process on the same directory

        var after = await second.SearchAsync(new VectorSearchRequest("restart", vectors[9], 10));
        Assert.Equal("v2", after.ModelVersion);
        Assert.Equal(before.Hits, after.Hits);
        var versions = await second.ListVersionsAsync("restart");
        Assert.Equal(["v1", "v2", "v3"], versions.Select(v => v.ModelVersion));
        Assert.True(versions[0].IsPrevious);
        Assert.Equal(IndexVersionState.Building, versions[2].State);
        Assert.Equal(300, versions[2].PointCount);
        await second.PublishVersionAsync("restart", "v3"); // the build goes on after the restart
        Assert.Equal("v3", (await second.SearchAsync(new VectorSearchRequest("restart", vectors[0], 1))).ModelVersion);
    }

    [Fact]
    public async Task AnotherProcessThatLoadedAVersionSeesWhatIsAppendedToItOnItsNextSearch()
    {
        var vectors = TestVectors.RandomUnit(30, 8, seed: 46);
        var writer = NewIndex();
        await PublishAsync(writer, "shared", "v1", vectors, "v1 ");
        var reader = NewIndex(); // the search API beside the trainer
        Assert.Equal("p5", (await reader.SearchAsync(new VectorSearchRequest("shared", vectors[5], 1))).Hits[0].PassageId);
        Assert.Empty((await reader.LexicalSearchAsync(new LexicalSearchRequest("shared", "zeppelin", 5))).Hits);
        var added = TestVectors.RandomUnit(1, 8, seed: 47)[0];

        await writer.AppendAsync("shared", "v1", [new VectorPoint("n0", "Airships", "a zeppelin", added)]);

        Assert.Equal("n0", (await reader.SearchAsync(new VectorSearchRequest("shared", added, 1))).Hits[0].PassageId);
        Assert.Equal(["n0"], (await reader.LexicalSearchAsync(new LexicalSearchRequest("shared", "zeppelin", 5))).Hits.Select(h => h.PassageId));
        Assert.Equal(31, await NewIndex().CountAsync("shared")); // and a restarted one
    }

    [Fact]
    public async Task CrashLeftoversAreNeverVisible()
    {
        var vectors = TestVectors.RandomUnit(20, 8, seed: 41);
        var index = NewIndex();
        await PublishAsync(index, "crash", "v1", vectors, "v1 ");

        // What a crash can leave: a half-written temp file next to the alias, a build without manifest, trash.
        File.WriteAllText(Path.Combine(_directory.Path, "aliases", ".crash.json.1234.tmp"), "{\"half");
        Directory.CreateDirectory(Path.Combine(_directory.Path, "building", "crash", "v2"));
        File.WriteAllText(Path.Combine(_directory.Path, "building", "crash", "v2", "segment-000001.bin"), "partial");
        Directory.CreateDirectory(Path.Combine(_directory.Path, "trash", "abc", "x"));

        var restarted = NewIndex();

        var result = await restarted.SearchAsync(new VectorSearchRequest("crash", vectors[0], 3));
        Assert.Equal("v1", result.ModelVersion);
        Assert.Equal(["crash"], await restarted.ListCorporaAsync());
        Assert.Equal(["v1"], (await restarted.ListVersionsAsync("crash")).Select(v => v.ModelVersion));
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "trash", "abc")));
        await restarted.CreateVersionAsync("crash", "v2", 8); // the broken build is simply started again
        await restarted.UpsertAsync("crash", "v2", TestVectors.Points(vectors, "v2 "));
        await restarted.PublishVersionAsync("crash", "v2");
        Assert.Equal("v2", (await restarted.SearchAsync(new VectorSearchRequest("crash", vectors[0], 1))).ModelVersion);
    }

    [Fact]
    public async Task APublishInterruptedAtAnyStepIsInvisibleAndCanBeRetried()
    {
        var vectors = TestVectors.RandomUnit(20, 8, seed: 49);
        var index = NewIndex();
        await PublishAsync(index, "retry", "v1", vectors, "v1 ");
        await index.CreateVersionAsync("retry", "v2", 8);
        await index.UpsertAsync("retry", "v2", TestVectors.Points(vectors, "v2 "));
        var building = Path.Combine(_directory.Path, "building", "retry", "v2");
        var published = Path.Combine(_directory.Path, "collections", "retry", "v2");

        // Crash 1: the manifest was written into the build, the directory was not moved yet.
        File.Copy(Path.Combine(building, "build.json"), Path.Combine(building, "manifest.json"));
        var afterCrash1 = NewIndex();
        Assert.Equal("v1", (await afterCrash1.SearchAsync(new VectorSearchRequest("retry", vectors[0], 1))).ModelVersion);

        // Crash 2: the build was moved into collections/, the alias was not switched yet.
        File.Delete(Path.Combine(building, "manifest.json"));
        var manifest = File.ReadAllText(Path.Combine(building, "build.json")).Replace("\"pointCount\": 0", "\"pointCount\": 20", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(building, "manifest.json"), manifest);
        Directory.CreateDirectory(Path.GetDirectoryName(published)!);
        Directory.Move(building, published);
        var afterCrash2 = NewIndex();
        Assert.Equal("v1", (await afterCrash2.SearchAsync(new VectorSearchRequest("retry", vectors[0], 1))).ModelVersion);

        // The indexer retries the publish: it switches to the already complete version.
        var switched = await afterCrash2.PublishVersionAsync("retry", "v2");

        Assert.Equal(new AliasSwitchResult("retry", "v2", "v1"), switched);
        var result = await afterCrash2.SearchAsync(new VectorSearchRequest("retry", vectors[0], 1));
        Assert.Equal("v2 title 0", result.Hits[0].Title);
        Assert.Equal(20, await afterCrash2.CountAsync("retry"));
    }

    [Fact]
    public async Task ASwitchByAnotherInstanceIsSeenByTheNextSearch()
    {
        var vectors = TestVectors.RandomUnit(50, 8, seed: 42);
        var trainer = NewIndex();
        var searchApi = NewIndex();
        await PublishAsync(trainer, "shared", "v1", vectors, "v1 ");
        Assert.Equal("v1", (await searchApi.SearchAsync(new VectorSearchRequest("shared", vectors[1], 1))).ModelVersion);

        await PublishAsync(trainer, "shared", "v2", vectors, "v2 ");

        var result = await searchApi.SearchAsync(new VectorSearchRequest("shared", vectors[1], 1));
        Assert.Equal("v2", result.ModelVersion);
        Assert.Equal("v2 title 1", result.Hits[0].Title);
    }

    [Fact]
    public async Task Int8RecallAtTenIsAtLeast99PercentOfExact()
    {
        const int Count = 10_000, Dimensions = 384, Queries = 100;
        var vectors = TestVectors.RandomUnit(Count, Dimensions, seed: 43);
        var queries = TestVectors.RandomUnit(Queries, Dimensions, seed: 44);
        var exactIndex = NewIndex(quantization: false);
        await PublishAsync(exactIndex, "recall", "v1", vectors);
        var quantized = NewIndex(quantization: true); // same files, int8 codes built at load

        var found = 0;
        foreach (var query in queries)
        {
            var exact = (await exactIndex.SearchAsync(new VectorSearchRequest("recall", query, 10))).Hits.Select(h => h.PassageId).ToHashSet();
            var approximate = await quantized.SearchAsync(new VectorSearchRequest("recall", query, 10));
            found += approximate.Hits.Count(h => exact.Contains(h.PassageId));
        }

        var recall = found / (double)(Queries * 10);
        Assert.True(recall >= 0.99, $"int8 recall@10 was {recall:F4}");
    }

    [Fact]
    public async Task Int8CandidatesWithoutRescoringAreStillCloseToExact()
    {
        // Guards the quantiser itself: with re-scoring only over top_k candidates (no oversampling), recall must stay high.
        var vectors = TestVectors.RandomUnit(2000, 384, seed: 45);
        var index = NewIndex(quantization: true, oversampling: 1);
        await PublishAsync(index, "int8", "v1", vectors);
        var found = 0;
        var queries = TestVectors.RandomUnit(20, 384, seed: 46);
        foreach (var query in queries)
        {
            var exact = TestVectors.BruteForce(vectors, query, 10).Select(e => e.Id).ToHashSet();
            var hits = (await index.SearchAsync(new VectorSearchRequest("int8", query, 10))).Hits;
            found += hits.Count(h => exact.Contains(h.PassageId));
        }

        Assert.True(found / 200.0 >= 0.9, $"int8 recall@10 with 64 candidates was {found / 200.0:F3}");
    }

    [Fact]
    public async Task ConcurrentSearchesShareScansWithoutChangingResults()
    {
        var vectors = TestVectors.RandomUnit(3000, 32, seed: 47);
        var exact = NewIndex();
        await PublishAsync(exact, "batch", "v1", vectors);
        var quantized = NewIndex(quantization: true);
        var queries = TestVectors.RandomUnit(64, 32, seed: 48);

        // 64 searches at once, with different top_k, on both the exact and the int8 path: the scheduler batches them.
        var searches = queries.Select((q, i) => (Query: q, K: 1 + (i % 12), Index: i % 2 == 0 ? exact : quantized)).ToArray();
        var results = await Task.WhenAll(searches.Select(s => Task.Run(() => s.Index.SearchAsync(new VectorSearchRequest("batch", s.Query, s.K)))));

        for (var i = 0; i < searches.Length; i++)
        {
            var expected = TestVectors.BruteForce(vectors, searches[i].Query, searches[i].K).Select(e => e.Id);
            Assert.Equal(expected, results[i].Hits.Select(h => h.PassageId));
        }
    }

    private EmbeddedVectorIndex NewIndex(bool quantization = false, int oversampling = 4) =>
        new(new VectorStoreOptions { DataDirectory = _directory.Path, Quantization = quantization, RescoreOversampling = oversampling, UpsertBatchSize = 128 });

    private static async Task PublishAsync(IVectorIndex index, string corpus, string version, float[][] vectors, string tag = "")
    {
        await index.CreateVersionAsync(corpus, version, vectors[0].Length);
        await index.UpsertAsync(corpus, version, TestVectors.Points(vectors, tag));
        await index.PublishVersionAsync(corpus, version);
    }
}
