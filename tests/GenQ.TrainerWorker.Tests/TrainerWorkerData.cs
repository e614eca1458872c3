using GenQ.Contracts.Jobs;
using GenQ.Runs;
using GenQ.Training.Tests;

namespace GenQ.TrainerWorker.Tests;

/// <summary>Runs as the search API and the generators leave them: passages uploaded, every batch's pairs stored.</summary>
public static class TrainerWorkerData
{
    /// <summary>Passages in the tiny model's vocabulary, one pair each (the query repeats words of its passage).</summary>
    public static (PassageRecord[] Passages, QueryPassagePair[] Pairs) Corpus(int count)
    {
        var synthetic = TinyBert.SyntheticPairs(count);
        var passages = synthetic.Select((p, i) => new PassageRecord($"p{i}", "", p.Passage)).ToArray();
        var pairs = synthetic.Select((p, i) => new QueryPassagePair(p.Query, $"p{i}")).ToArray();
        return (passages, pairs);
    }

    /// <summary>Creates a run of <paramref name="corpus"/> with every pair stored (so it is waiting for the trainer).</summary>
    public static async Task<string> GeneratedRunAsync(RunStore runs, string corpus, PassageRecord[] passages, QueryPassagePair[] pairs)
    {
        var run = await runs.CreateRunAsync(corpus, passages, batchCount: 1);
        await runs.StorePairsAsync(new TrainingPairsJob(run.RunId, corpus, 0, 1, "test", passages.Length, 0, pairs));
        return run.RunId;
    }
}
