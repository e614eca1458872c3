using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.Embeddings.Models;
using GenQ.ModelStore;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// Starts a run for validated passages: stores run and passages in one transaction, queues generation batch by batch,
/// and queues indexing with the base model so the corpus is searchable before training ends.
/// </summary>
public sealed class RunStarter(
    RunStore runs, ModelRegistry models, IModelStore store, BaseModelProvider baseModel, IJobQueue queue, IOptions<IngestOptions> options)
{
    /// <summary>Whether a corpus of this many passages gets generation and training, or only base-model indexing.</summary>
    public bool CanTrain(int passages) => passages >= options.Value.MinPassagesForTraining;

    /// <summary>Why a corpus of this many passages is not trained, naming the threshold.</summary>
    public string TooSmallToTrain(int passages) =>
        $"not queued: {passages} passage(s), training needs at least {options.Value.MinPassagesForTraining} (IngestOptions:MinPassagesForTraining); searchable with the base model";

    /// <summary>
    /// Starts an append run: stores the new passages with the corpus and duplicate checks (nothing stored when either
    /// fails), then queues their generation and their indexing with the live model. The corpus' runs in flight go on.
    /// </summary>
    public async Task<AppendResult> AppendAsync(string corpus, IReadOnlyList<PassageRecord> passages)
    {
        var batches = passages.Chunk(Math.Max(1, options.Value.PassagesPerBatch)).ToList();
        var result = await runs.CreateAppendRunAsync(corpus, passages, batches.Count, options.Value.RetrainAfterNewPassages);
        if (result.Run is not { } run)
        {
            return result;
        }
        // Indexing first: it is what makes the passages searchable, and it runs on its own stream beside any training.
        await queue.PublishAsync(new AppendPassagesJob(run.RunId, corpus), messageId: $"{run.RunId}:append", CancellationToken.None);
        for (var i = 0; i < batches.Count; i++)
        {
            await queue.PublishAsync(new GeneratePassagesJob(run.RunId, corpus, i, batches.Count, batches[i]),
                messageId: $"{run.RunId}:generate:{i}", CancellationToken.None);
        }
        return result;
    }

    public async Task<RunStatus> StartAsync(string corpus, IReadOnlyList<PassageRecord> passages)
    {
        var train = CanTrain(passages.Count);
        var batches = train ? passages.Chunk(Math.Max(1, options.Value.PassagesPerBatch)).ToList() : [];
        var run = await runs.CreateRunAsync(corpus, passages, batches.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            // A deterministic message id: publishing a batch twice can never generate it twice.
            await queue.PublishAsync(new GeneratePassagesJob(run.RunId, corpus, i, batches.Count, batches[i]),
                messageId: $"{run.RunId}:generate:{i}", CancellationToken.None);
        }
        var baseVersion = $"base-{run.RunId}";
        // With the Redis store the base model goes in like any version (its files are stored once, by content, however
        // many runs use it), so the trainer and every replica fetch exactly this replica's base model.
        var record = await store.PutAsync(corpus, baseVersion, baseModel.Folder.Path, CancellationToken.None);
        await models.RegisterAsync(corpus, baseVersion, baseModel.Folder.Path);
        await queue.PublishAsync(new IndexModelJob(run.RunId, corpus, baseVersion, baseModel.Folder.Path, IsBaseModel: true, record?.Digest),
            messageId: $"{run.RunId}:model:{baseVersion}", CancellationToken.None);
        if (!train)
        {
            // Nothing will move this run past generating: it ends here, served by the base model.
            await runs.SetStageAsync(run.RunId, RunStage.Ready, modelVersion: baseVersion);
            await runs.SetProgressAsync(run.RunId, 1, $"training {TooSmallToTrain(passages.Count)}");
            run = (await runs.GetAsync(run.RunId))!;
        }
        return run;
    }
}
