using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using GenQ.Contracts.Jobs;
using GenQ.Contracts;
using GenQ.Contracts.Runs;
using StackExchange.Redis;
using Xunit.Abstractions;
using GenQ.Testing;

namespace GenQ.AppHost.Tests;

/// <summary>
/// One run on the real app model while its processes are killed: a generator replica holding a batch it has read and
/// not acknowledged, redis-server while that batch is still open, and the trainer after its first checkpoint. Nobody
/// starts anything again; the run must end as an undisturbed one would, with the trainer's work resumed, not redone.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const string ApiKey = "chaos-test-key";
    private const string Corpus = "chaos";
    private const int Documents = 36;           // one passage each
    private const int PassagesPerBatch = 6;     // 6 generation batches
    private const int QueriesPerPassage = 3;    // the generator's default; every passage below yields three distinct ones
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] Topics = ["puffin", "gannet", "kittiwake", "fulmar", "razorbill", "guillemot"];

    // One island per document: a word no other document has, so both the dense and the BM25 side can tell them apart.
    private static readonly string[] Islands =
    [
        "Skomer", "Lundy", "Bass Rock", "Staffa", "Fair Isle", "Foula", "Handa", "Rathlin", "Skellig", "Lambay", "Ailsa Craig", "Noss",
        "Hermaness", "Mingulay", "Canna", "Rum", "Eigg", "Iona", "Hirta", "Boreray", "Sula Sgeir", "Rona", "Copeland", "Ramsey",
        "Bardsey", "Caldey", "Skokholm", "Grassholm", "Flatholm", "Steep Holm", "Brownsea", "Heligoland", "Runde", "Vedoy", "Grimsey", "Heimaey",
    ];

    [Fact]
    public async Task AGeneratorMidBatchRedisAndTheTrainerMidTrainingAreKilledAndTheRunStillEndsReadyWithEveryPairOnceAndTrainingResumed()
    {
        var data = Directory.CreateTempSubdirectory("genq-apphost-chaos-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.GenQ_AppHost>(
            [$"--GenQ:Redis:DataDirectory={Path.Combine(data, "redis")}", "--GenQ:Redis:Mode=executable", $"--GenQ:Redis:Port={LoopbackPort.Free()}",
             $"--GenQ:DataDirectory={Path.Combine(data, "data")}", $"--Parameters:api-key={ApiKey}", "--GenQ:GeneratorReplicas=2",
             "--GenQ:Restart:InitialDelay=00:00:00.5"]);
        // Recovery in seconds instead of the production minute: abandoned messages are reclaimed after 8 s, a trainer
        // is lost 3 s after its last heartbeat, and it checkpoints every second (by time only: a step takes seconds here, so
        // the first checkpoint follows step 1 and the kill comes with steps left, however fast the machine).
        // Four small steps keep the test short; the pairs are all generated and stored whatever the step budget.
        builder.CreateResourceBuilder<ProjectResource>("generator-worker")
            .WithEnvironment("JobQueueOptions__VisibilityTimeout", "00:00:08").WithEnvironment("JobQueueOptions__ClaimInterval", "00:00:01")
            .WithEnvironment("JobQueueOptions__BlockTimeout", "00:00:03"); // reads stay well within the Redis client's 5 s timeout
        builder.CreateResourceBuilder<ProjectResource>("trainer-worker")
            .WithEnvironment("JobQueueOptions__VisibilityTimeout", "00:00:08").WithEnvironment("JobQueueOptions__ClaimInterval", "00:00:01")
            .WithEnvironment("Training__BatchSize", "4").WithEnvironment("Training__MaxSteps", "4").WithEnvironment("Training__CheckpointEverySteps", "0")
            .WithEnvironment("Training__CheckpointEverySeconds", "1")
            .WithEnvironment("RunLease__HeartbeatInterval", "00:00:01").WithEnvironment("RunLease__Timeout", "00:00:03");
        builder.CreateResourceBuilder<ProjectResource>("search-api").WithEnvironment("IngestOptions__PassagesPerBatch", PassagesPerBatch.ToString());
        await using var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await app.StartAsync().WaitAsync(StartTimeout);
        foreach (var resource in new[] { "redis", "generator-worker", "trainer-worker", "search-api" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource).WaitAsync(StartTimeout);
        }
        using var http = app.CreateHttpClient("search-api");
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await app.GetConnectionStringAsync("redis") + ",abortConnect=false,allowAdmin=true");
        var timeline = new Timeline(output);

        // 1. A generator replica takes a batch and dies before acknowledging it.
        var generators = (await InstancesAsync(app, "generator-worker")).Select(e => ProcessControl.Pid(e)!.Value).ToList();
        Assert.Equal(2, generators.Count);
        var (victim, survivor) = (generators[0], generators[1]);
        // The upload endpoint answers a first request slowly (JIT); a rejected upload warms it and stores nothing.
        using (var warmUp = await http.PostAsync($"/api/corpora/{Corpus}/documents", new StringContent("{", Encoding.UTF8, "application/x-ndjson")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, warmUp.StatusCode);
        }
        string? runId = null;
        try
        {
            // Frozen just after it opened a read (its 3 s block has more than 2 s left), the upload's first batch is
            // its. Should the upload outlast the read (a loaded machine), the read is opened again for a new upload,
            // which replaces the first (that run ends cancelled).
            for (var attempt = 1; runId is null; attempt++)
            {
                await Until(async () =>
                {
                    ProcessControl.Freeze(victim);
                    if (await OpenQueueRead.IdleSecondsAsync(redis.GetServers()[0], victim) == 0)
                    {
                        return true;
                    }
                    ProcessControl.Thaw(victim);
                    return false;
                }, "the generator to be frozen with a fresh read open", poll: 100);
                var upload = await UploadAsync(http);
                timeline.Mark($"upload (attempt {attempt})");
                if (await Within(TimeSpan.FromSeconds(3), async () => await PendingAsync(redis.GetDatabase(), victim) > 0))
                {
                    runId = upload;
                }
                else
                {
                    Assert.True(attempt < 3, "the frozen generator's read ended before three uploads arrived");
                    ProcessControl.Thaw(victim);
                }
            }
        }
        finally
        {
            ProcessControl.Kill(victim);
        }
        timeline.Mark("generator replica killed holding a batch");
        var generatorBack = WaitForNewHealthyAsync(app, "generator-worker", [victim, survivor], timeline, "new generator replica healthy");

        // 2. redis-server dies while that batch is still open.
        Assert.Equal(RunStage.Generating, (await GetRunAsync(http, runId))!.Stage);
        var redisPid = ProcessControl.Pid(await app.ResourceNotifications.WaitForResourceAsync("redis", e => ProcessControl.Pid(e) is not null))!.Value;
        ProcessControl.Kill(redisPid);
        timeline.Mark("redis-server killed during generation");
        await WaitForNewHealthyAsync(app, "redis", [redisPid], timeline, "redis-server healthy (AOF reloaded)");
        await generatorBack;

        // 3. The trainer dies after its first checkpoint.
        var checkpoints = Path.Combine(data, "data", "models", Corpus, ".checkpoints", runId);
        await Until(async () => Directory.Exists(checkpoints) && Directory.EnumerateDirectories(checkpoints, "step-*").Any(), "a training checkpoint", poll: 20);
        var checkpointStep = Directory.EnumerateDirectories(checkpoints, "step-*").Select(d => int.Parse(Path.GetFileName(d)[5..])).Max();
        var beforeKill = (await GetRunAsync(http, runId))!;
        Assert.True(beforeKill.Stage == RunStage.Training, $"the trainer should still be training after its first checkpoint: {beforeKill}");
        var trainerPid = ProcessControl.Pid(await app.ResourceNotifications.WaitForResourceAsync("trainer-worker", e => ProcessControl.Pid(e) is not null))!.Value;
        ProcessControl.Kill(trainerPid);
        timeline.Mark($"trainer killed mid-training ({beforeKill.Detail}; checkpoint of step {checkpointStep} on disk)");
        var trainerBack = WaitForNewHealthyAsync(app, "trainer-worker", [trainerPid], timeline, "new trainer healthy");

        RunStatus? lost = null, resumed = null, done = null;
        await Until(async () =>
        {
            var status = await GetRunAsync(http, runId);
            if (status is { OwnerLost: true } && lost is null)
            {
                lost = status;
                timeline.Mark($"run status: \"{status.Detail}\"");
            }
            if (status is { ResumedFromStep: not null } && resumed is null)
            {
                resumed = status;
                timeline.Mark($"run status: {status.Detail}");
            }
            done = status;
            return status?.Stage is RunStage.Ready or RunStage.Failed or RunStage.Cancelled;
        }, "the run to finish", timeout: StepTimeout + StepTimeout);
        timeline.Mark($"run {done!.Stage.ToString().ToLowerInvariant()} with {done.ModelVersion}");
        await trainerBack;

        // Everything is back without anyone, and the run is what an undisturbed one would be.
        await Until(() => AllHealthyAsync(app), "every resource instance (redis, two generators, trainer, search API) healthy");
        Assert.Equal(RunStage.Ready, done.Stage);
        Assert.NotNull(lost);
        Assert.StartsWith("trainer lost, resuming", lost.Detail, StringComparison.Ordinal);
        Assert.NotNull(done.ResumedFromStep);
        Assert.InRange(done.ResumedFromStep.Value, checkpointStep, int.MaxValue); // the newest checkpoint, never step 0
        Assert.Equal((Documents / PassagesPerBatch, Documents / PassagesPerBatch), (done.BatchCount, done.BatchesGenerated));
        Assert.Equal(Documents * QueriesPerPassage, done.PairsStored);
        var pairs = await StoredPairsAsync(redis.GetDatabase(), runId);
        Assert.Equal(Documents * QueriesPerPassage, pairs.Count);
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.All(pairs.GroupBy(p => p.PassageId), passage => Assert.Equal(QueriesPerPassage, passage.Count()));
        Assert.Equal(Documents, pairs.Select(p => p.PassageId).Distinct().Count());
        foreach (var queue in new[] { "generate", "training-pairs", "train", "model-published" })
        {
            Assert.Equal(0, await redis.GetDatabase().StreamLengthAsync($"genq:{queue}:dead"));
        }

        // Search answers from the new version (the gate keeps a 36-passage corpus' base live: an operator promotes it).
        using (var promote = await http.PostAsync($"/api/corpora/{Corpus}/versions/{done.ModelVersion}/promote", null))
        {
            Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        }
        var search = await http.GetFromJsonAsync<JsonElement>($"/api/search?corpus={Corpus}&q=seabird%20colony%20on%20{Uri.EscapeDataString(Islands[17])}&top_k=3");
        Assert.Equal(done.ModelVersion, search.GetProperty("modelVersion").GetString());
        Assert.Equal("c17", search.GetProperty("hits")[0].GetProperty("passageId").GetString());
        timeline.Write();
    }

    private static async Task<string> UploadAsync(HttpClient http)
    {
        var corpus = string.Join('\n', Enumerable.Range(0, Documents).Select(i =>
            $$"""{"_id":"c{{i}}","title":"{{Topics[i % Topics.Length]}} report from {{Islands[i]}}","text":"The {{Topics[i % Topics.Length]}} survey on {{Islands[i]}} counted {{i * 7}} nesting seabirds on the northern cliffs. Volunteers repeated the {{Islands[i]}} count after spring storms damaged the coastal trail."}"""));
        using var response = await http.PostAsync($"/api/corpora/{Corpus}/documents", new StringContent(corpus, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunStatus>())!.RunId;
    }

    /// <summary>The run's status, or null while the API cannot answer (redis-server down).</summary>
    private static async Task<RunStatus?> GetRunAsync(HttpClient http, string runId)
    {
        try
        {
            return await http.GetFromJsonAsync<RunStatus>($"/api/runs/{runId}");
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Messages of the generate stream the process <paramref name="pid"/> (or its child) has read and not acknowledged (its consumer is named host-pid-suffix).</summary>
    private static async Task<long> PendingAsync(IDatabase db, int pid) =>
        (await db.StreamPendingAsync("genq:generate:stream", "generator")).Consumers
            .Where(c => ProcessControl.Tree(pid).Select(p => p.ToString(CultureInfo.InvariantCulture)).Contains(((string)c.Name!).Split('-')[^2]))
            .Sum(c => (long)c.PendingMessageCount);

    private static async Task<List<QueryPassagePair>> StoredPairsAsync(IDatabase db, string runId) =>
        (await db.HashGetAllAsync($"genq:run:{runId}:pairs"))
            .SelectMany(batch => JsonSerializer.Deserialize(batch.Value.ToString(), ContractsJsonContext.Default.IReadOnlyListQueryPassagePair)!)
            .Select(p => new QueryPassagePair(p.Query, p.PassageId))
            .ToList();

    private static Task WaitForNewHealthyAsync(DistributedApplication app, string resource, int[] oldPids, Timeline timeline, string what) =>
        app.ResourceNotifications.WaitForResourceAsync(resource, e => ProcessControl.Pid(e) is { } pid && !oldPids.Contains(pid) && ProcessControl.IsHealthy(e))
            .WaitAsync(StepTimeout).ContinueWith(t => { t.GetAwaiter().GetResult(); timeline.Mark(what); }, TaskScheduler.Default);

    /// <summary>The latest state of every resource instance (each replica is one), by resource id.</summary>
    private static async Task<IReadOnlyList<ResourceEvent>> InstancesAsync(DistributedApplication app, params string[] resources)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var latest = new Dictionary<string, ResourceEvent>();
        try
        {
            // The watch replays the current state of every instance first, then waits for changes.
            await foreach (var e in app.ResourceNotifications.WatchAsync(stop.Token))
            {
                latest[e.ResourceId] = e;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return latest.Values.Where(e => resources.Contains(e.Resource.Name)).ToList();
    }

    /// <summary>redis, both generator replicas, the trainer and the search API run and pass their health checks.</summary>
    private static async Task<bool> AllHealthyAsync(DistributedApplication app)
    {
        var instances = await InstancesAsync(app, "redis", "generator-worker", "trainer-worker", "search-api");
        return instances.Count == 5 && instances.All(ProcessControl.IsHealthy);
    }

    /// <summary>True as soon as <paramref name="done"/> is, false when <paramref name="timeout"/> passes first.</summary>
    private static async Task<bool> Within(TimeSpan timeout, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    private static async Task Until(Func<Task<bool>> done, string what, int poll = 200, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? StepTimeout);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting for {what} after {timeout ?? StepTimeout}");
            await Task.Delay(poll);
        }
    }
}
