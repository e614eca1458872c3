using System.Globalization;
using GenQ.Adaptation.Mining;

namespace GenQ.Adaptation.Teachers;

/// <summary>
/// The label-free teacher for machines without a cross-encoder: the live model's cosine and BM25 (normalised by the
/// query's best BM25 score, so both sides lie in [0, 1]) mixed as α·dense + (1 − α)·BM25, the same signal hybrid search
/// ranks by. Its margins tell the student how much more the corpus' own lexical and semantic evidence favours the
/// positive over the mined negative. Whether that helps is measured in docs/benchmarks/adaptation.md.
/// </summary>
public sealed class HybridScoreTeacher(double alpha = 0.5) : IMarginTeacher
{
    public string Name => string.Create(CultureInfo.InvariantCulture, $"hybrid:{alpha:0.##}");

    public Task<double[]> MarginsAsync(IReadOnlyList<MinedExample> examples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The teacher's dense weight must be between 0 and 1.");
        }

        var margins = new double[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            var e = examples[i];
            var top = e.TopBm25 > 0 ? e.TopBm25 : 1;
            margins[i] = (alpha * (e.PositiveCosine - e.NegativeCosine)) + ((1 - alpha) * ((e.PositiveBm25 - e.NegativeBm25) / top));
        }

        return Task.FromResult(margins);
    }
}
