namespace GenQ.Hybrid.Fusion;

/// <summary>
/// Fuses a dense and a lexical candidate list (each ordered best first; the position is the 1-based rank, a repeated
/// id keeps its first position).
/// <list type="bullet">
/// <item>RRF: score = Σ over the lists that hold the id of 1 / (k + rank).</item>
/// <item>Weighted: each list's scores are min–max normalised over its own candidates (one candidate, or all scores
/// equal, → 1); a side that did not return the id contributes 0; score = α·dense + (1 − α)·lexical.</item>
/// </list>
/// Ties are broken deterministically: higher fused score, then the better dense rank (present before absent), then
/// the better lexical rank, then the id in ordinal order.
/// </summary>
public static class RankFusion
{
    public static IReadOnlyList<FusedCandidate> Fuse(
        IReadOnlyList<RankedCandidate> dense, IReadOnlyList<RankedCandidate> lexical, FusionSettings settings, int topK)
    {
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(lexical);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);

        var merged = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var denseNorm = settings.Method == FusionMethod.Weighted ? Normaliser.Of(dense) : null;
        var lexicalNorm = settings.Method == FusionMethod.Weighted ? Normaliser.Of(lexical) : null;
        for (var i = 0; i < dense.Count; i++)
        {
            var entry = Get(merged, dense[i].Id);
            if (entry.DenseRank is null)
            {
                entry.DenseRank = i + 1;
                entry.DenseScore = dense[i].Score;
            }
        }

        for (var i = 0; i < lexical.Count; i++)
        {
            var entry = Get(merged, lexical[i].Id);
            if (entry.LexicalRank is null)
            {
                entry.LexicalRank = i + 1;
                entry.LexicalScore = lexical[i].Score;
            }
        }

        var fused = new List<FusedCandidate>(merged.Count);
        foreach (var (id, e) in merged)
        {
            var score = settings.Method == FusionMethod.Rrf
                ? Reciprocal(settings.RrfK, e.DenseRank) + Reciprocal(settings.RrfK, e.LexicalRank)
                : (settings.Alpha * (e.DenseScore is { } d ? denseNorm!.Apply(d) : 0))
                  + ((1 - settings.Alpha) * (e.LexicalScore is { } l ? lexicalNorm!.Apply(l) : 0));
            fused.Add(new FusedCandidate(id, score, e.DenseRank, e.DenseScore, e.LexicalRank, e.LexicalScore));
        }

        fused.Sort(Compare);
        return fused.Count <= topK ? fused : fused.GetRange(0, topK);
    }

    /// <summary>The tie rule of <see cref="Fuse"/>: score descending, dense rank, lexical rank, ordinal id.</summary>
    public static int Compare(FusedCandidate x, FusedCandidate y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byDense = (x.DenseRank ?? int.MaxValue).CompareTo(y.DenseRank ?? int.MaxValue);
        if (byDense != 0)
        {
            return byDense;
        }

        var byLexical = (x.LexicalRank ?? int.MaxValue).CompareTo(y.LexicalRank ?? int.MaxValue);
        return byLexical != 0 ? byLexical : string.CompareOrdinal(x.Id, y.Id);
    }

    private static double Reciprocal(int k, int? rank) => rank is { } r ? 1.0 / (k + r) : 0;

    private static Entry Get(Dictionary<string, Entry> merged, string id)
    {
        if (!merged.TryGetValue(id, out var entry))
        {
            entry = new Entry();
            merged[id] = entry;
        }

        return entry;
    }

    private sealed class Entry
    {
        public int? DenseRank { get; set; }

        public double? DenseScore { get; set; }

        public int? LexicalRank { get; set; }

        public double? LexicalScore { get; set; }
    }

    /// <summary>Min–max over one list's own scores; a degenerate range (one candidate, equal scores) maps to 1.</summary>
    private sealed record Normaliser(double Min, double Range)
    {
        public static Normaliser Of(IReadOnlyList<RankedCandidate> list)
        {
            if (list.Count == 0)
            {
                return new Normaliser(0, 0);
            }

            var min = list.Min(c => c.Score);
            var max = list.Max(c => c.Score);
            return new Normaliser(min, max - min);
        }

        public double Apply(double score) => Range > 0 && double.IsFinite(Range) ? (score - Min) / Range : 1;
    }
}
