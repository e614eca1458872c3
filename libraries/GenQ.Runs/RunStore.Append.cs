using System.Text.Json;
using GenQ.Contracts;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using StackExchange.Redis;

namespace GenQ.Runs;

/// <summary>
/// Appending to a corpus: an append run stores only its new passages and pairs; the corpus content is its current
/// (replace) run's passages plus those of the append runs recorded under <see cref="RunKeys.Appends"/>. An append does
/// not replace the current run, so nothing in flight is cancelled; a later replace cancels the append runs with the rest.
/// </summary>
public sealed partial class RunStore
{
    // KEYS: corpus hash, corpus runs set, run index, corpus index, new run hash, new run passages.
    // ARGV: run id, now, retrain threshold, batch count, corpus, n, then n passage ids, then n passage JSONs.
    // One script: the corpus check, the duplicate check against every passage of the corpus and the writes are atomic,
    // so a rejected append writes nothing and two concurrent appends cannot both add the same id.
    private const string CreateAppendScript = """
        local base = redis.call('HGET', KEYS[1], 'latest_run')
        if not base then
          return {'missing'}
        end
        local n = tonumber(ARGV[6])
        local sources = redis.call('SMEMBERS', 'genq:run:' .. base .. ':appends') -- RunKeys.Appends
        table.insert(sources, base)
        for i = 1, n do
          for _, run in ipairs(sources) do
            if redis.call('HEXISTS', 'genq:run:' .. run .. ':passages', ARGV[6 + i]) == 1 then -- RunKeys.Passages
              return {'duplicate', ARGV[6 + i]}
            end
          end
        end
        for i = 1, n do
          redis.call('HSET', KEYS[6], ARGV[6 + i], ARGV[6 + n + i])
        end
        local total = redis.call('HINCRBY', KEYS[1], 'passages', n)
        local pending = redis.call('HINCRBY', KEYS[1], 'new_passages', n)
        local retrain = 0
        if pending >= tonumber(ARGV[3]) then
          retrain = 1
          redis.call('HSET', KEYS[1], 'new_passages', 0)
        end
        redis.call('HSET', KEYS[5], 'corpus', ARGV[5], 'stage', 'Generating', 'mode', 'Append', 'base_run', base,
          'retrain', retrain, 'passages', n, 'batches', ARGV[4], 'batches_generated', 0, 'pairs_stored', 0,
          'created_at', ARGV[2], 'updated_at', ARGV[2])
        redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('SADD', KEYS[4], ARGV[5])
        redis.call('SADD', 'genq:run:' .. base .. ':appends', ARGV[1])
        return {'ok', base, tostring(total), tostring(pending), tostring(retrain)}
        """;

    /// <summary>
    /// Stores an append run for <paramref name="passages"/> of <paramref name="corpus"/>, atomically: nothing when the
    /// corpus has no current run or already holds one of the passage ids. Counts the passages towards the corpus'
    /// next retraining; the append that reaches <paramref name="retrainAfter"/> new passages is marked to retrain the
    /// whole corpus (and the count starts again).
    /// </summary>
    public async Task<AppendResult> CreateAppendRunAsync(string corpus, IReadOnlyList<PassageRecord> passages, int batchCount, int retrainAfter)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var runId = Guid.NewGuid().ToString("N")[..12];
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var args = new List<RedisValue> { runId, now, retrainAfter, batchCount, corpus, passages.Count };
        args.AddRange(passages.Select(p => (RedisValue)p.Id));
        args.AddRange(passages.Select(p => (RedisValue)JsonSerializer.Serialize(p, ContractsJsonContext.Default.PassageRecord)));
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(CreateAppendScript,
            [RunKeys.Corpus(corpus), RunKeys.CorpusRuns(corpus), RunKeys.RunIndex, RunKeys.CorpusIndex, RunKeys.Run(runId), RunKeys.Passages(runId)],
            [.. args]).ConfigureAwait(false))!;
        switch (result[0].ToString())
        {
            case "missing":
                return AppendResult.Missing;
            case "duplicate":
                return AppendResult.Duplicate(result[1].ToString());
        }

        var retrains = result[4].ToString() == "1";
        var report = new RunAppendReport(result[1].ToString(), passages.Count, int.Parse(result[2].ToString(), System.Globalization.CultureInfo.InvariantCulture),
            retrains ? 0 : int.Parse(result[3].ToString(), System.Globalization.CultureInfo.InvariantCulture), retrainAfter, retrains);
        // Written before any of the run's work is queued, so the run never ends without its report and status line.
        await UpdateExistingRunAsync(runId,
        [
            new(RunFields.Append, JsonSerializer.Serialize(report, ContractsJsonContext.Default.RunAppendReport)),
            new(RunFields.AppendNote, report.Summary),
        ]).ConfigureAwait(false);
        return new AppendResult(await GetAsync(runId).ConfigureAwait(false), false, null);
    }

    /// <summary>
    /// The runs whose passages make up the corpus content <paramref name="runId"/> belongs to: its base (replace) run
    /// first, then the append runs in the order they were uploaded. For a run never appended to: just itself.
    /// </summary>
    public async Task<IReadOnlyList<string>> ContentRunIdsAsync(string runId)
    {
        var baseRun = await Db.HashGetAsync(RunKeys.Run(runId), RunFields.BaseRun).ConfigureAwait(false);
        var root = baseRun.IsNullOrEmpty ? runId : baseRun.ToString();
        var appends = (await Db.SetMembersAsync(RunKeys.Appends(root)).ConfigureAwait(false)).Select(id => id.ToString()).ToList();
        var created = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in appends)
        {
            created[id] = await Db.SortedSetScoreAsync(RunKeys.RunIndex, id).ConfigureAwait(false) ?? 0;
        }
        return [root, .. appends.OrderBy(id => created[id]).ThenBy(id => id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Fixes what a training of <paramref name="runId"/> reads, the first time it starts: the content runs and, of each,
    /// the pair batches stored by then. Appends (or batches) that arrive later are not part of this training, so a
    /// training resumed after a crash reads exactly the data it checkpointed (its checkpoint is refused for other data),
    /// and the gate and hybrid tuning hold out the same pairs as the training did. They wait for the next training.
    /// Written once (HSETNX): a second trainer that takes the run over reads the first one's choice.
    /// </summary>
    public async Task PinTrainingContentAsync(string runId)
    {
        if (await ReadPinnedContentAsync(runId).ConfigureAwait(false) is not null)
        {
            return;
        }
        var parts = new List<string>();
        foreach (var id in await ContentRunIdsAsync(runId).ConfigureAwait(false))
        {
            var batches = (await Db.HashKeysAsync(RunKeys.Pairs(id)).ConfigureAwait(false)).Select(b => (int)b).Order();
            parts.Add($"{id}={string.Join(',', batches)}");
        }
        await Db.HashSetAsync(RunKeys.Run(runId), RunFields.TrainingContent, string.Join(';', parts), When.NotExists).ConfigureAwait(false);
    }

    /// <summary>
    /// Every passage of the corpus content <paramref name="runId"/> belongs to (base run and its appends); once its
    /// training content is pinned (<see cref="PinTrainingContentAsync"/>), the passages of the pinned runs.
    /// </summary>
    public async Task<IReadOnlyList<PassageRecord>> ReadContentPassagesAsync(string runId)
    {
        var runIds = await ReadPinnedContentAsync(runId).ConfigureAwait(false) is { } pinned
            ? pinned.Select(part => part.RunId).ToList()
            : await ContentRunIdsAsync(runId).ConfigureAwait(false);
        var passages = new List<PassageRecord>();
        foreach (var id in runIds)
        {
            passages.AddRange(await ReadPassagesAsync(id).ConfigureAwait(false));
        }
        return passages;
    }

    /// <summary>
    /// Every stored pair of the corpus content <paramref name="runId"/> belongs to: what a retraining trains on; once
    /// pinned, the pinned batches only.
    /// </summary>
    public async Task<IReadOnlyList<QueryPassagePair>> ReadContentPairsAsync(string runId)
    {
        if (await ReadPinnedContentAsync(runId).ConfigureAwait(false) is not { } pinned)
        {
            var pairs = new List<QueryPassagePair>();
            foreach (var id in await ContentRunIdsAsync(runId).ConfigureAwait(false))
            {
                pairs.AddRange(await ReadPairsAsync(id).ConfigureAwait(false));
            }
            return pairs;
        }
        var pinnedPairs = new List<QueryPassagePair>();
        foreach (var (id, batches) in pinned)
        {
            var values = await Db.HashGetAsync(RunKeys.Pairs(id), [.. batches.Select(b => (RedisValue)b)]).ConfigureAwait(false);
            pinnedPairs.AddRange(values.Where(v => v.HasValue)
                .SelectMany(v => JsonSerializer.Deserialize(v.ToString(), ContractsJsonContext.Default.IReadOnlyListQueryPassagePair) ?? []));
        }
        return pinnedPairs;
    }

    // "run=0,1,2;run2=0" (run ids are hex, batch numbers integers): small and readable with redis-cli.
    private async Task<IReadOnlyList<(string RunId, IReadOnlyList<int> Batches)>?> ReadPinnedContentAsync(string runId)
    {
        var value = await Db.HashGetAsync(RunKeys.Run(runId), RunFields.TrainingContent).ConfigureAwait(false);
        if (value.IsNullOrEmpty)
        {
            return null;
        }
        return value.ToString().Split(';').Select(part =>
        {
            var (id, batches) = (part[..part.IndexOf('=')], part[(part.IndexOf('=') + 1)..]);
            IReadOnlyList<int> numbers = batches.Length == 0 ? [] : batches.Split(',').Select(b => int.Parse(b, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return (id, numbers);
        }).ToList();
    }
}
