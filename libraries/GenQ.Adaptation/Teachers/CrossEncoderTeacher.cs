using GenQ.Adaptation.Mining;
using GenQ.Embeddings.CrossEncoding;

namespace GenQ.Adaptation.Teachers;

/// <summary>
/// GPL's teacher: a cross-encoder (e.g. cross-encoder/ms-marco-MiniLM-L-6-v2 exported with Optimum) scores the
/// training positive and the mined negative against the query; the logit margin is multiplied by
/// <paramref name="marginScale"/> to reach the student's cosine scale (ms-marco logits span about ±10, cosine margins
/// ±2, hence 0.1 by default). No real cross-encoder can be downloaded on the build machines: tests use a tiny random one.
/// </summary>
public sealed class CrossEncoderTeacher(OnnxCrossEncoder crossEncoder, string modelName, double marginScale = 0.1) : IMarginTeacher
{
    public string Name => $"cross-encoder:{modelName}";

    public async Task<double[]> MarginsAsync(IReadOnlyList<MinedExample> examples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var pairs = new List<(string Query, string Passage)>(examples.Count * 2);
        foreach (var e in examples)
        {
            pairs.Add((e.Pair.Query, e.Pair.Passage));
            pairs.Add((e.Pair.Query, e.Pair.HardNegative!));
        }

        var scores = await crossEncoder.ScoreAsync(pairs, cancellationToken).ConfigureAwait(false);
        var margins = new double[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            margins[i] = (scores[2 * i] - scores[(2 * i) + 1]) * marginScale;
        }

        return margins;
    }
}
