using GenQ.Contracts.Jobs;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// Builds the corpus fusion is tuned on. A generator that copies its query out of the passage (the inverse-cloze
/// fallback) makes BM25 win trivially on the verbatim passage; what the trainer learns is query → positive text (the
/// passage without the query sentence, <see cref="QueryPassagePair.PositiveText"/>), so each held-out pair's passage is
/// indexed as that positive text instead. Passages of training pairs and pairs without a positive text are unchanged.
/// </summary>
public static class FusionTuningCorpus
{
    /// <param name="passages">The corpus as indexed for search.</param>
    /// <param name="heldOut">The held-out pairs; the first positive text given for a passage wins.</param>
    /// <param name="swapPositives">False indexes the corpus as it is (for comparison).</param>
    public static TuningCorpus Build(IReadOnlyList<PassageRecord> passages, IEnumerable<QueryPassagePair> heldOut, bool swapPositives = true)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(heldOut);
        var positives = new Dictionary<string, string>(StringComparer.Ordinal);
        if (swapPositives)
        {
            foreach (var pair in heldOut)
            {
                if (!string.IsNullOrWhiteSpace(pair.PositiveText))
                {
                    positives.TryAdd(pair.PassageId, pair.PositiveText);
                }
            }
        }

        if (positives.Count == 0)
        {
            return new TuningCorpus(passages, new HashSet<string>(StringComparer.Ordinal));
        }

        var swapped = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<PassageRecord>(passages.Count);
        foreach (var passage in passages)
        {
            if (positives.TryGetValue(passage.Id, out var positive) && swapped.Add(passage.Id))
            {
                result.Add(passage with { Text = positive });
            }
            else
            {
                result.Add(passage);
            }
        }

        return new TuningCorpus(result, swapped);
    }

    /// <summary>The held-out pairs as tuning queries.</summary>
    public static IReadOnlyList<HeldOutQuery> Queries(IEnumerable<QueryPassagePair> heldOut) =>
        heldOut.Select(p => new HeldOutQuery(p.Query, p.PassageId)).ToList();
}
