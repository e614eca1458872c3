using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.Embeddings.Models;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Ingestion;

/// <summary>
/// Starts a run for validated passages: stores run and passages in one transaction, queues generation batch by batch,
/// and queues indexing with the base model so the corpus is searchable before training ends.
/// </summary>
public sealed class RunStarter(RunStore runs, ModelRegistry models, BaseModelProvider baseModel, IJobQueue queue, IOptions<IngestOptions> options)
{
    public async Task<RunStatus> StartAsync(string corpus, IReadOnlyList<PassageRecord> passages)
    {
        var batches = passages.Chunk(Math.Max(1, options.Value.PassagesPerBatch)).ToList();
        var run = await runs.CreateRunAsync(corpus, passages, batches.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            // A deterministic message id: publishing a batch twice can never generate it twice.
            await queue.PublishAsync(new GeneratePassagesJob(run.RunId, corpus, i, batches.Count, batches[i]),
                messageId: $"{run.RunId}:generate:{i}", CancellationToken.None);
        }
        var baseVersion = $"base-{run.RunId}";
        await models.RegisterAsync(corpus, baseVersion, baseModel.Folder.Path);
        await queue.PublishAsync(new ModelPublishedJob(run.RunId, corpus, baseVersion, baseModel.Folder.Path, IsBaseModel: true),
            messageId: $"{run.RunId}:model:{baseVersion}", CancellationToken.None);
        return run;
    }
}
