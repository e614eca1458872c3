using System.Diagnostics;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Embeddings.Inference;
using GenQ.Queue.Abstractions;
using GenQ.Queue.Redis;
using GenQ.Runs;
using GenQ.Testing;
using GenQ.Training.Tests;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.TrainerWorker.Tests;

/// <summary>
/// The trainer worker's side of an upload with mode=append, on real Redis, the real embedded index and the tiny BERT:
/// the new passages become searchable through the queue without a retraining, and only the append that reaches the
/// threshold queues a training, on the whole corpus.
/// </summary>
public sealed class AppendTests : IAsyncLifetime
{
    private const string Corpus = "docs";
    private static readonly PassageRecord Airship = new("n1", "Airships", "a zeppelin floated over the lake");
    private RedisServer _redis = null!;
    private string _data = null!;
    private string _base = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _data = Directory.CreateTempSubdirectory("genq-trainer-append-").FullName;
        _base = TinyBert.CreateBaseFolder(Path.Combine(_data, "tiny"));
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AnAppendedPassageIsSearchableThroughTheQueueWhileTheOldOnesKeepTheirResultsAndTheRunInFlightGoesOn()
    {
        await using var worker = new TrainerWorkerHost(_redis.ConnectionString, _data, _base);
        var runs = worker.Get<RunStore>();
        var index = worker.Get<IVectorIndex>();
        var (passages, pairs) = TrainerWorkerData.Corpus(12);
        var current = await TrainerWorkerData.GeneratedRunAsync(runs, Corpus, passages, pairs); // waiting for the trainer
        await IndexBaseAsync(worker, current);
        using var encoder = OnnxSentenceEncoder.Create(_base);
        var oldVector = (await encoder.EncodeAsync([PassageText.Compose(passages[3])]))[0];
        var before = await index.SearchAsync(new VectorSearchRequest(Corpus, oldVector, 3));
        Assert.Empty((await index.LexicalSearchAsync(new LexicalSearchRequest(Corpus, "zeppelin", 5))).Hits);

        await worker.StartAsync();
        var append = (await runs.CreateAppendRunAsync(Corpus, [Airship], batchCount: 1, retrainAfter: 100)).Run!;
        await worker.Get<IJobQueue>().PublishAsync(new AppendPassagesJob(append.RunId, Corpus), $"{append.RunId}:append", CancellationToken.None);

        // "zeppelin" is in no passage of the first upload: a hit can only be the appended passage.
        var lexical = await PollAsync(() => index.LexicalSearchAsync(new LexicalSearchRequest(Corpus, "zeppelin", 5)), r => r.Hits.Count > 0);
        Assert.Equal(["n1"], lexical.Hits.Select(h => h.PassageId));
        Assert.Equal($"base-{current}", lexical.ModelVersion);
        var newVector = (await encoder.EncodeAsync([PassageText.Compose(Airship)]))[0];
        var dense = await index.SearchAsync(new VectorSearchRequest(Corpus, newVector, 1));
        Assert.Equal("n1", dense.Hits[0].PassageId);
        Assert.Equal(1f, dense.Hits[0].Score, 3);
        // An old passage's neighbours and scores are those from before the append (it is not a near neighbour of them).
        var after = await index.SearchAsync(new VectorSearchRequest(Corpus, oldVector, 3));
        Assert.Equal(before.Hits.Select(h => (h.PassageId, Math.Round(h.Score, 4))), after.Hits.Select(h => (h.PassageId, Math.Round(h.Score, 4))));
        Assert.Equal(13, await index.CountAsync(Corpus));
        Assert.Equal(RunStage.WaitingForTrainer, (await runs.GetAsync(current))!.Stage);
    }

    [Fact]
    public async Task OnlyTheAppendThatReachesTheThresholdQueuesATrainingAndItTrainsOnTheWholeCorpus()
    {
        await using var worker = new TrainerWorkerHost(_redis.ConnectionString, _data, _base);
        var runs = worker.Get<RunStore>();
        var (passages, pairs) = TrainerWorkerData.Corpus(20);
        var current = await TrainerWorkerData.GeneratedRunAsync(runs, Corpus, passages[..12], pairs[..12]);
        await runs.SetStageAsync(current, RunStage.Ready); // trained earlier
        var handler = worker.Get<IJobHandler<TrainingPairsJob>>();
        var trainStream = new RedisQueueKeys(QueueNames.Train).Stream;
        var db = (await _redis.ConnectAsync()).GetDatabase();

        // Threshold 5: 4 new passages stay below it, 4 more reach it.
        var below = (await runs.CreateAppendRunAsync(Corpus, passages[12..16], batchCount: 1, retrainAfter: 5)).Run!;
        await handler.HandleAsync(new TrainingPairsJob(below.RunId, Corpus, 0, 1, "test", 4, 0, pairs[12..16]), Context(), CancellationToken.None);

        var ready = (await runs.GetAsync(below.RunId))!;
        Assert.Equal((RunStage.Ready, "appended 4 passage(s), searchable with the live model; retraining after 1 more"), (ready.Stage, ready.Detail));
        Assert.Equal(0, await db.StreamLengthAsync(trainStream));

        var reaching = (await runs.CreateAppendRunAsync(Corpus, passages[16..20], batchCount: 1, retrainAfter: 5)).Run!;
        await handler.HandleAsync(new TrainingPairsJob(reaching.RunId, Corpus, 0, 1, "test", 4, 0, pairs[16..20]), Context(), CancellationToken.None);

        var queued = await db.StreamRangeAsync(trainStream);
        Assert.Single(queued);
        Assert.Contains(reaching.RunId, queued[0].Values.Single(v => v.Name == "body").Value.ToString());
        Assert.Equal(RunStage.WaitingForTrainer, (await runs.GetAsync(reaching.RunId))!.Stage);

        await worker.Get<IJobHandler<TrainRunJob>>().HandleAsync(new TrainRunJob(reaching.RunId, Corpus), Context(), CancellationToken.None);

        // One pair per passage: 12 old + 4 + 4 new, split between training and the held-out passages.
        var trained = (await runs.GetAsync(reaching.RunId))!;
        Assert.Equal(RunStage.Indexing, trained.Stage);
        Assert.Equal(20, trained.Training!.Pairs + trained.Training.HeldOutPairs);
    }

    [Fact]
    public async Task IndexingANewVersionOfTheCorpusCoversThePassagesAppendedToIt()
    {
        await using var worker = new TrainerWorkerHost(_redis.ConnectionString, _data, _base);
        var runs = worker.Get<RunStore>();
        var (passages, pairs) = TrainerWorkerData.Corpus(8);
        var current = await TrainerWorkerData.GeneratedRunAsync(runs, Corpus, passages, pairs);
        await runs.CreateAppendRunAsync(Corpus, [Airship], batchCount: 1, retrainAfter: 100);

        // Before any version is live the append has nowhere to go; the corpus' first indexing reads the whole content.
        await IndexBaseAsync(worker, current);

        var index = worker.Get<IVectorIndex>();
        Assert.Equal(9, await index.CountAsync(Corpus));
        Assert.Equal(["n1"], (await index.LexicalSearchAsync(new LexicalSearchRequest(Corpus, "zeppelin", 5))).Hits.Select(h => h.PassageId));
    }

    // As the search API does at upload: register the base version's model folder, then the worker indexes it.
    private async Task IndexBaseAsync(TrainerWorkerHost host, string runId)
    {
        await host.Get<ModelRegistry>().RegisterAsync(Corpus, $"base-{runId}", _base);
        await host.Get<IJobHandler<IndexModelJob>>().HandleAsync(
            new IndexModelJob(runId, Corpus, $"base-{runId}", _base, IsBaseModel: true), Context(), CancellationToken.None);
    }

    private static JobContext Context() => new("test", 1, DateTimeOffset.UtcNow);

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                return value;
            }
            await Task.Delay(100);
        }
    }
}
