using GenQ.Contracts.Jobs;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.Testing;
using GenQ.Training.Tests;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.TrainerWorker.Tests;

/// <summary>
/// Indexing that dies half-way leaves nothing half-published, and the redelivered job builds the version again and
/// publishes it whole; a version sealed just before the crash still goes live when the job runs again.
/// </summary>
public sealed class IndexingCrashTests : IAsyncLifetime
{
    private const string Corpus = "docs";
    private RedisServer _redis = null!;
    private string _data = null!;
    private string _base = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _data = Directory.CreateTempSubdirectory("genq-trainer-worker-").FullName;
        _base = TinyBert.CreateBaseFolder(Path.Combine(_data, "tiny"));
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AnIndexerThatDiesHalfWayPublishesNothingAndTheRetryPublishesEveryPassageOnce()
    {
        var (passages, _) = TrainerWorkerData.Corpus(40); // 5 upserts of 8
        string runId;
        await using (var crashing = new TrainerWorkerHost(_redis.ConnectionString, _data, _base, wrapIndex: CrashingIndex.AfterUpserts(2)))
        {
            runId = (await crashing.Get<RunStore>().CreateRunAsync(Corpus, passages, batchCount: 1)).RunId;
            await Assert.ThrowsAsync<IOException>(() => IndexBaseAsync(crashing, runId));

            var index = crashing.Get<IVectorIndex>();
            Assert.Null(await index.GetLiveVersionAsync(Corpus));
            var halfBuilt = Assert.Single(await index.ListVersionsAsync(Corpus));
            Assert.Equal((IndexVersionState.Building, false, 16L), (halfBuilt.State, halfBuilt.IsLive, halfBuilt.PointCount));
        }

        await using var retry = new TrainerWorkerHost(_redis.ConnectionString, _data, _base);
        await IndexBaseAsync(retry, runId);

        var version = Assert.Single(await retry.Get<IVectorIndex>().ListVersionsAsync(Corpus));
        Assert.Equal(($"base-{runId}", IndexVersionState.Ready, true, 40L), (version.ModelVersion, version.State, version.IsLive, version.PointCount));
        Assert.Equal($"base-{runId}", await retry.Get<IVectorIndex>().GetLiveVersionAsync(Corpus));
    }

    [Fact]
    public async Task AVersionSealedRightBeforeTheCrashGoesLiveWhenTheJobRunsAgain()
    {
        var (passages, _) = TrainerWorkerData.Corpus(16);
        string first, second;
        await using (var healthy = new TrainerWorkerHost(_redis.ConnectionString, _data, _base))
        {
            first = (await healthy.Get<RunStore>().CreateRunAsync(Corpus, passages, batchCount: 1)).RunId;
            await IndexBaseAsync(healthy, first);
            second = (await healthy.Get<RunStore>().CreateRunAsync(Corpus, passages[..12], batchCount: 1)).RunId;
        }

        await using (var crashing = new TrainerWorkerHost(_redis.ConnectionString, _data, _base, wrapIndex: CrashingIndex.AfterSealing()))
        {
            await Assert.ThrowsAsync<IOException>(() => IndexBaseAsync(crashing, second));
            var index = crashing.Get<IVectorIndex>();
            Assert.Equal($"base-{first}", await index.GetLiveVersionAsync(Corpus));
            Assert.Equal(IndexVersionState.Ready, (await index.ListVersionsAsync(Corpus)).Single(v => v.ModelVersion == $"base-{second}").State);
        }

        await using var retry = new TrainerWorkerHost(_redis.ConnectionString, _data, _base);
        await IndexBaseAsync(retry, second);

        Assert.Equal($"base-{second}", await retry.Get<IVectorIndex>().GetLiveVersionAsync(Corpus));
        Assert.Equal(12, await retry.Get<IVectorIndex>().CountAsync(Corpus));
    }

    private Task IndexBaseAsync(TrainerWorkerHost host, string runId) =>
        host.Get<IJobHandler<IndexModelJob>>().HandleAsync(
            new IndexModelJob(runId, Corpus, $"base-{runId}", _base, IsBaseModel: true), new JobContext("test", 1, DateTimeOffset.UtcNow), CancellationToken.None);
}
