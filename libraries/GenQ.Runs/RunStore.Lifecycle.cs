using GenQ.Contracts.Runs;
using StackExchange.Redis;

namespace GenQ.Runs;

/// <summary>
/// The corpus lifecycle: a corpus has one current run (its current content generation, <c>latest_run</c> of the corpus
/// hash). A new upload replaces it and cancels every unfinished older run of the corpus (an append run adds to it instead,
/// see RunStore.Append.cs, and counts as current while its base run is); workers ask
/// <see cref="CheckCurrentAsync"/> before costly work and right before a version goes live, so superseded content can
/// never be served. Cancellation is final: <see cref="SetStageAsync"/> does not move a cancelled run again.
/// </summary>
public sealed partial class RunStore
{
    private const string Ready = nameof(RunStage.Ready);
    private const string Failed = nameof(RunStage.Failed);
    private const string Cancelled = nameof(RunStage.Cancelled);

    // KEYS: corpus hash, corpus runs set. ARGV: new run id, passages, now, reason prefix. Makes the run current and
    // cancels the corpus' other unfinished runs, atomically (a worker's check sees either the old or the new state).
    private const string MakeCurrentScript = """
        redis.call('HSET', KEYS[1], 'latest_run', ARGV[1], 'passages', ARGV[2], 'new_passages', 0)
        for _, run in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          if run ~= ARGV[1] then
            local key = 'genq:run:' .. run -- RunKeys.Run
            local stage = redis.call('HGET', key, 'stage')
            if stage and stage ~= 'Ready' and stage ~= 'Failed' and stage ~= 'Cancelled' then
              redis.call('HSET', key, 'stage', 'Cancelled', 'error', ARGV[4] .. ARGV[1], 'progress', '', 'detail', '', 'updated_at', ARGV[3])
            end
          end
        end
        return 1
        """;

    // KEYS: corpus hash, run hash. ARGV: run id, now. Returns nil when the run is the corpus' current one (or an append
    // run of it) and not cancelled; otherwise why it must stop, after cancelling it (if it still exists and is unfinished).
    private const string CheckCurrentScript = """
        local current = redis.call('HGET', KEYS[1], 'latest_run')
        local stage = redis.call('HGET', KEYS[2], 'stage')
        local base = redis.call('HGET', KEYS[2], 'base_run')
        local reason
        if not stage then
          return 'run deleted'
        elseif not current then
          reason = 'corpus deleted'
        elseif current ~= ARGV[1] and current ~= base then
          reason = 'superseded by run ' .. current
        elseif stage == 'Cancelled' then
          return redis.call('HGET', KEYS[2], 'error') or 'cancelled'
        else
          return false
        end
        if stage ~= 'Ready' and stage ~= 'Failed' and stage ~= 'Cancelled' then
          redis.call('HSET', KEYS[2], 'stage', 'Cancelled', 'error', reason, 'progress', '', 'detail', '', 'updated_at', ARGV[2])
        end
        return reason
        """;

    // KEYS: run hash. ARGV: 1 when the write cancels, then field/value pairs. Skips deleted runs, and cancelled ones
    // unless the write is itself a cancellation.
    private const string UpdateRunScript = """
        local stage = redis.call('HGET', KEYS[1], 'stage')
        if not stage or (stage == 'Cancelled' and ARGV[1] ~= '1') then
          return 0
        end
        redis.call('HSET', KEYS[1], unpack(ARGV, 2))
        return 1
        """;

    /// <summary>The prefix of a superseded run's error; the superseding run's id follows.</summary>
    public const string SupersededBy = "superseded by run ";

    /// <summary>
    /// Null when <paramref name="runId"/> is still the current run of <paramref name="corpus"/> and may go on (and go
    /// live); otherwise why not ("superseded by run X", "corpus deleted", "run deleted"), and an unfinished run is then
    /// marked cancelled with that reason. Atomic with uploads: a run superseded a moment later is caught by the next check.
    /// </summary>
    public async Task<string?> CheckCurrentAsync(string runId, string corpus)
    {
        var result = await Db.ScriptEvaluateAsync(CheckCurrentScript, [RunKeys.Corpus(corpus), RunKeys.Run(runId)],
            [runId, clock.GetUtcNow().ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        return result.IsNull ? null : result.ToString();
    }

    /// <summary>Cancels an unfinished run with <paramref name="reason"/>; false when it is finished or gone.</summary>
    public async Task<bool> CancelAsync(string runId, string reason)
    {
        var status = await GetAsync(runId).ConfigureAwait(false);
        return status is { Stage: not (RunStage.Ready or RunStage.Failed or RunStage.Cancelled) }
            && await SetStageAsync(runId, RunStage.Cancelled, error: reason).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes a corpus: its record, every run's state, passages and pairs, its model registry and manual promotions.
    /// Workers still busy with one of its runs find the run gone at their next check and stop. Returns the ids of the
    /// removed runs, or null when there is no such corpus.
    /// </summary>
    public async Task<IReadOnlyList<string>?> DeleteCorpusAsync(string corpus)
    {
        while (true)
        {
            var current = await Db.HashGetAsync(RunKeys.Corpus(corpus), "latest_run").ConfigureAwait(false);
            if (current.IsNull)
            {
                return null;
            }
            var runIds = (await Db.SetMembersAsync(RunKeys.CorpusRuns(corpus)).ConfigureAwait(false))
                .Select(id => id.ToString()).Append(current.ToString()).Distinct(StringComparer.Ordinal).ToList();
            var transaction = Db.CreateTransaction();
            // An upload in between changes the current run: read again and delete that one too.
            transaction.AddCondition(Condition.HashEqual(RunKeys.Corpus(corpus), "latest_run", current));
            var keys = new List<RedisKey>
            {
                RunKeys.Corpus(corpus), RunKeys.CorpusRuns(corpus), ModelRegistry.Key(corpus), ModelRegistry.PromotionsKey(corpus),
            };
            keys.AddRange(runIds.SelectMany(id => new RedisKey[] { RunKeys.Run(id), RunKeys.Passages(id), RunKeys.Pairs(id), RunKeys.Appends(id) }));
            _ = transaction.KeyDeleteAsync([.. keys]);
            _ = transaction.SortedSetRemoveAsync(RunKeys.RunIndex, [.. runIds.Select(id => (RedisValue)id)]);
            _ = transaction.SetRemoveAsync(RunKeys.CorpusIndex, corpus);
            if (await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                return runIds;
            }
        }
    }

    private Task MakeCurrentAsync(string corpus, string runId, int passages) =>
        Db.ScriptEvaluateAsync(MakeCurrentScript, [RunKeys.Corpus(corpus), RunKeys.CorpusRuns(corpus)],
            [runId, passages, clock.GetUtcNow().ToUnixTimeMilliseconds(), SupersededBy]);

    private async Task<bool> UpdateLiveRunAsync(string runId, IEnumerable<HashEntry> fields, bool cancels)
    {
        var args = new List<RedisValue> { cancels ? 1 : 0 };
        foreach (var field in fields)
        {
            args.Add(field.Name);
            args.Add(field.Value);
        }
        var result = await Db.ScriptEvaluateAsync(UpdateRunScript, [RunKeys.Run(runId)], [.. args]).ConfigureAwait(false);
        return (int)result == 1;
    }

    private Task UpdateExistingRunAsync(string runId, HashEntry[] fields) => UpdateLiveRunAsync(runId, fields, cancels: false);
}
