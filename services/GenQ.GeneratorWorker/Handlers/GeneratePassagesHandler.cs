using System.Diagnostics;
using GenQ.Contracts.Jobs;
using GenQ.Generation;
using GenQ.Queue.Abstractions;
using GenQ.Runs;

namespace GenQ.GeneratorWorker.Handlers;

/// <summary>
/// Generates queries for one passage batch and publishes them as (query, passage id) pairs for the trainer.
/// The batch is acknowledged only after the pairs are published; the pairs message id is derived from the run
/// and batch, so a redelivered batch cannot make the trainer store its pairs twice. A batch of a run that is no longer its
/// corpus' current run (superseded by a newer upload, or deleted) is acknowledged without generating.
/// </summary>
public sealed partial class GeneratePassagesHandler(
    IQueryGenerator generator,
    RunStore runs,
    IJobQueue queue,
    GeneratorMetrics metrics,
    ILogger<GeneratePassagesHandler> logger) : IJobHandler<GeneratePassagesJob>
{
    public async Task HandleAsync(GeneratePassagesJob job, JobContext context, CancellationToken cancellationToken)
    {
        if (await runs.CheckCurrentAsync(job.RunId, job.Corpus) is { } reason)
        {
            LogSkipped(job.BatchNumber + 1, job.BatchCount, job.RunId, reason);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var inputs = job.Passages.Select(p => new PassageInput(p.Id, p.Title, p.Text)).ToList();
        var result = await generator.GenerateAsync(inputs, cancellationToken);
        var pairs = result.Passages
            .SelectMany(passage => passage.Queries.Select(query => new QueryPassagePair(query, passage.PassageId, passage.PositiveText)))
            .ToList();
        var dropped = result.DroppedEmpty + result.DroppedDuplicates;

        await queue.PublishAsync(
            new TrainingPairsJob(job.RunId, job.Corpus, job.BatchNumber, job.BatchCount, result.Generator, job.Passages.Count, dropped, pairs),
            messageId: $"{job.RunId}:pairs:{job.BatchNumber}",
            cancellationToken);

        var elapsed = Stopwatch.GetElapsedTime(started);
        // The fallback generator runs no model, so it has no execution provider.
        var provider = generator is T5QueryGenerator t5 ? t5.Model.Provider : "none";
        metrics.RecordBatch(result.Generator, provider, job.Passages.Count, pairs.Count, result.GeneratedTokens, dropped, elapsed);
        LogBatch(job.BatchNumber + 1, job.BatchCount, job.RunId, pairs.Count, job.Passages.Count, result.Generator, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Batch}/{Total} of run {RunId} skipped: {Reason}")]
    private partial void LogSkipped(int batch, int total, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Batch {Batch}/{Total} of run {RunId}: {Queries} queries for {Passages} passages by {Generator} in {Milliseconds:F0} ms")]
    private partial void LogBatch(int batch, int total, string runId, int queries, int passages, string generator, double milliseconds);
}
