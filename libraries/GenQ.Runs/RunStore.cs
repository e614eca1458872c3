using System.Globalization;
using System.Text.Json;
using GenQ.Contracts;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using StackExchange.Redis;

namespace GenQ.Runs;

/// <summary>
/// The durable state of runs in Redis. Every write that a redelivered message could repeat is idempotent:
/// a batch's pairs are stored under its batch number once, and only the first store counts.
/// </summary>
public sealed partial class RunStore(IConnectionMultiplexer redis, TimeProvider clock)
{
    // HSETNX makes the store idempotent; counters move only when the batch is new. The run moves to waiting-for-trainer
    // in the same script that stores its last batch, so no reader ever sees every batch stored but the stage still
    // behind (an append run that does not retrain moves to ready instead). Returns the number of batches stored so far, or -1 (nothing stored) when the run is gone or cancelled.
    private const string StorePairsScript = """
        local current = redis.call('HGET', KEYS[2], 'stage')
        if not current or current == ARGV[8] then
          return -1
        end
        local added = redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
        if added == 1 then
          redis.call('HINCRBY', KEYS[2], 'pairs_stored', ARGV[3])
          redis.call('HINCRBY', KEYS[2], 'batches_generated', 1)
        end
        redis.call('HSET', KEYS[2], 'updated_at', ARGV[4], 'generator', ARGV[5])
        local stored = tonumber(redis.call('HGET', KEYS[2], 'batches_generated'))
        local total = tonumber(redis.call('HGET', KEYS[2], 'batches'))
        if stored >= total and redis.call('HGET', KEYS[2], 'stage') == ARGV[6] then
          if redis.call('HGET', KEYS[2], 'mode') == 'Append' and redis.call('HGET', KEYS[2], 'retrain') ~= '1' then
            -- an append below the retraining threshold is done: its passages are searchable and their pairs stored
            redis.call('HSET', KEYS[2], 'stage', 'Ready', 'progress', '1', 'detail', redis.call('HGET', KEYS[2], 'append_note') or '')
          else
            redis.call('HSET', KEYS[2], 'stage', ARGV[7])
          end
        end
        return stored
        """;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Creates a run and stores its passages in one transaction: either all of it exists or none.</summary>
    public async Task<RunStatus> CreateRunAsync(string corpus, IReadOnlyList<PassageRecord> passages, int batchCount)
    {
        var runId = Guid.NewGuid().ToString("N")[..12];
        var now = clock.GetUtcNow();
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(RunKeys.Passages(runId), passages
            .Select(p => new HashEntry(p.Id, JsonSerializer.Serialize(p, ContractsJsonContext.Default.PassageRecord)))
            .ToArray());
        _ = transaction.HashSetAsync(RunKeys.Run(runId),
        [
            new(RunFields.Corpus, corpus),
            new(RunFields.Stage, nameof(RunStage.Generating)),
            new(RunFields.Mode, nameof(UploadMode.Replace)),
            new(RunFields.PassageCount, passages.Count),
            new(RunFields.BatchCount, batchCount),
            new(RunFields.BatchesGenerated, 0),
            new(RunFields.PairsStored, 0),
            new(RunFields.CreatedAt, now.ToUnixTimeMilliseconds()),
            new(RunFields.UpdatedAt, now.ToUnixTimeMilliseconds()),
        ]);
        _ = transaction.SortedSetAddAsync(RunKeys.RunIndex, runId, now.ToUnixTimeMilliseconds());
        _ = transaction.SetAddAsync(RunKeys.CorpusRuns(corpus), runId);
        _ = transaction.SetAddAsync(RunKeys.CorpusIndex, corpus);
        if (!await transaction.ExecuteAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Creating run for corpus '{corpus}' did not commit.");
        }
        // The new run becomes the corpus' current content generation; every unfinished older run is cancelled with it.
        await MakeCurrentAsync(corpus, runId, passages.Count).ConfigureAwait(false);
        return (await GetAsync(runId).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Stores the pairs of one batch (once), moves the run to waiting-for-trainer when it was the last batch, and returns
    /// how many batches of the run are stored; -1 (nothing stored) when the run was deleted or cancelled.
    /// </summary>
    public async Task<int> StorePairsAsync(TrainingPairsJob job)
    {
        var pairs = JsonSerializer.Serialize(job.Pairs, ContractsJsonContext.Default.IReadOnlyListQueryPassagePair);
        var stored = await Db.ScriptEvaluateAsync(StorePairsScript,
            [RunKeys.Pairs(job.RunId), RunKeys.Run(job.RunId)],
            [job.BatchNumber, pairs, job.Pairs.Count, clock.GetUtcNow().ToUnixTimeMilliseconds(), job.Generator,
                nameof(RunStage.Generating), nameof(RunStage.WaitingForTrainer), nameof(RunStage.Cancelled)])
            .ConfigureAwait(false);
        return (int)stored;
    }

    /// <summary>All stored pairs of a run, in batch order.</summary>
    public async Task<IReadOnlyList<QueryPassagePair>> ReadPairsAsync(string runId)
    {
        var batches = await Db.HashGetAllAsync(RunKeys.Pairs(runId)).ConfigureAwait(false);
        return batches
            .OrderBy(batch => (int)batch.Name)
            .SelectMany(batch => JsonSerializer.Deserialize(batch.Value.ToString(), ContractsJsonContext.Default.IReadOnlyListQueryPassagePair) ?? [])
            .ToList();
    }

    /// <summary>All passages uploaded for a run.</summary>
    public async Task<IReadOnlyList<PassageRecord>> ReadPassagesAsync(string runId)
    {
        var entries = await Db.HashGetAllAsync(RunKeys.Passages(runId)).ConfigureAwait(false);
        return entries
            .Select(entry => JsonSerializer.Deserialize(entry.Value.ToString(), ContractsJsonContext.Default.PassageRecord)!)
            .ToList();
    }

    /// <summary>
    /// Moves the run to <paramref name="stage"/>; the progress of the previous stage is cleared. A cancelled run stays
    /// cancelled and a deleted run stays deleted: the write is then skipped and false returned.
    /// </summary>
    public async Task<bool> SetStageAsync(string runId, RunStage stage, string? error = null, string? modelVersion = null)
    {
        var fields = new List<HashEntry>
        {
            new(RunFields.Stage, stage.ToString()),
            new(RunFields.UpdatedAt, clock.GetUtcNow().ToUnixTimeMilliseconds()),
            new(RunFields.Progress, ""),
            new(RunFields.Detail, ""),
        };
        if (error is not null)
        {
            fields.Add(new(RunFields.Error, error));
        }
        if (modelVersion is not null)
        {
            fields.Add(new(RunFields.ModelVersion, modelVersion));
        }
        return await UpdateLiveRunAsync(runId, fields, stage == RunStage.Cancelled).ConfigureAwait(false);
    }

    /// <summary>Records how far the current stage is (0-1) and what it is doing.</summary>
    public Task SetProgressAsync(string runId, double progress, string detail) =>
        UpdateExistingRunAsync(runId,
        [
            new(RunFields.Progress, Math.Clamp(progress, 0, 1).ToString("0.####", CultureInfo.InvariantCulture)),
            new(RunFields.Detail, detail),
            new(RunFields.UpdatedAt, clock.GetUtcNow().ToUnixTimeMilliseconds()),
        ]);

    /// <summary>Records the label-free hybrid tuning of the run's model (shown in the run status).</summary>
    public Task SetHybridAsync(string runId, RunHybridReport report) =>
        UpdateExistingRunAsync(runId,
        [
            new(RunFields.Hybrid, JsonSerializer.Serialize(report, ContractsJsonContext.Default.RunHybridReport)),
            new(RunFields.UpdatedAt, clock.GetUtcNow().ToUnixTimeMilliseconds()),
        ]);

    /// <summary>Records the promotion gate's decision on the run's model (shown in the run status).</summary>
    public Task SetPromotionAsync(string runId, PromotionReport report) =>
        UpdateExistingRunAsync(runId,
        [
            new(RunFields.Promotion, JsonSerializer.Serialize(report, ContractsJsonContext.Default.PromotionReport)),
            new(RunFields.UpdatedAt, clock.GetUtcNow().ToUnixTimeMilliseconds()),
        ]);

    /// <summary>Records what the run's model is trained on and its budget (shown in the run status).</summary>
    public Task SetTrainingAsync(string runId, RunTrainingReport report) =>
        UpdateExistingRunAsync(runId,
        [
            new(RunFields.Training, JsonSerializer.Serialize(report, ContractsJsonContext.Default.RunTrainingReport)),
            new(RunFields.UpdatedAt, clock.GetUtcNow().ToUnixTimeMilliseconds()),
        ]);

    /// <summary>
    /// True for exactly one caller per <paramref name="name"/> across processes until <paramref name="hold"/> passes or
    /// the claim is released: one-time work that every replica of a service starts (the demo ingest) runs once.
    /// </summary>
    public Task<bool> TryClaimAsync(string name, TimeSpan hold) =>
        Db.StringSetAsync(RunKeys.Claim(name), clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), hold, When.NotExists);

    /// <summary>Gives a claim back (the claimed work failed, so a later try may take it).</summary>
    public Task ReleaseClaimAsync(string name) => Db.KeyDeleteAsync(RunKeys.Claim(name));

    /// <summary>Names of all corpora that have had an upload, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListCorporaAsync() =>
        (await Db.SetMembersAsync(RunKeys.CorpusIndex).ConfigureAwait(false)).Select(name => name.ToString()).Order(StringComparer.Ordinal).ToList();

    /// <summary>The current run and passage count of a corpus, or null when it never had an upload (or was deleted).</summary>
    public async Task<(string LatestRunId, int Passages)?> GetCorpusAsync(string corpus)
    {
        var fields = await Db.HashGetAsync(RunKeys.Corpus(corpus), ["latest_run", "passages"]).ConfigureAwait(false);
        return fields[0].IsNull ? null : (fields[0].ToString(), (int)fields[1]);
    }

    public async Task<RunStatus?> GetAsync(string runId)
    {
        var fields = (await Db.HashGetAllAsync(RunKeys.Run(runId)).ConfigureAwait(false))
            .ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString());
        if (fields.Count == 0)
        {
            return null;
        }
        string? Text(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        long Number(string name) => long.TryParse(Text(name), CultureInfo.InvariantCulture, out var value) ? value : 0;
        return WithLease(new RunStatus(
            runId,
            Text(RunFields.Corpus) ?? "",
            Enum.TryParse<RunStage>(Text(RunFields.Stage), out var stage) ? stage : RunStage.Failed,
            (int)Number(RunFields.PassageCount),
            (int)Number(RunFields.BatchCount),
            (int)Number(RunFields.BatchesGenerated),
            Number(RunFields.PairsStored),
            Text(RunFields.Generator),
            Text(RunFields.ModelVersion),
            Text(RunFields.Error),
            double.TryParse(Text(RunFields.Progress), CultureInfo.InvariantCulture, out var progress) ? progress : null,
            Text(RunFields.Detail),
            DateTimeOffset.FromUnixTimeMilliseconds(Number(RunFields.CreatedAt)),
            DateTimeOffset.FromUnixTimeMilliseconds(Number(RunFields.UpdatedAt)))
        {
            Hybrid = Text(RunFields.Hybrid) is { } hybrid ? JsonSerializer.Deserialize(hybrid, ContractsJsonContext.Default.RunHybridReport) : null,
            Promotion = Text(RunFields.Promotion) is { } promotion ? JsonSerializer.Deserialize(promotion, ContractsJsonContext.Default.PromotionReport) : null,
            Training = Text(RunFields.Training) is { } training ? JsonSerializer.Deserialize(training, ContractsJsonContext.Default.RunTrainingReport) : null,
            Mode = Enum.TryParse<UploadMode>(Text(RunFields.Mode), out var mode) ? mode : UploadMode.Replace,
            Append = Text(RunFields.Append) is { } append ? JsonSerializer.Deserialize(append, ContractsJsonContext.Default.RunAppendReport) : null,
        }, Text);
    }
}
