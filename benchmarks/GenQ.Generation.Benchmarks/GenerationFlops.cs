using GenQ.Generation.Testing.T5;

namespace GenQ.Generation.Benchmarks;

/// <summary>
/// The arithmetic of T5 generation in FLOPs (one multiply-add = 2), counting the work GenQ's path needs, so a measured
/// rate can be put against the machine's GEMM rate. L = input tokens, d = d_model, i = heads x d_kv, f = d_ff, V = vocab,
/// E / D = encoder / decoder layers. Per passage:
/// <list type="bullet">
/// <item>encoder: E x (4·2·L·d·i [Q, K, V, O] + 2·2·L·L·i [scores, weighted sum] + 2·2·L·d·f [ReLU FFN]);</item>
/// <item>first step (once per passage): D x 2·2·L·d·i [cross-attention K, V over the passage] + step(0);</item>
/// <item>every later token t (0-based, t = 1 .. length - 1) of every row: step(t) = D x (4·2·d·i [self Q, K, V, O]
/// + 2·2·(t + 1)·i [self scores over the cache] + 2·2·d·i [cross Q, O] + 2·2·L·i [cross scores] + 2·2·d·f [FFN])
/// + 2·d·V [LM head].</item>
/// </list>
/// Norms, softmax, sampling and copies are not counted. Plain batching and Hugging Face <c>generate</c> do more (the
/// first step and cross K/V per row, finished rows kept as padding): that extra work is not counted, so every
/// implementation is rated by the same useful FLOPs.
/// </summary>
internal sealed class GenerationFlops(T5TestModelSpec spec, int inputTokens)
{
    private double D => spec.DModel;

    private double I => spec.InnerDim;

    private double L => inputTokens;

    public double Encoder => spec.NumLayers * ((8 * L * D * I) + (4 * L * L * I) + (4 * L * D * spec.DFf));

    public double CrossKeysValues => spec.NumDecoderLayers * 4 * L * D * I;

    /// <summary>One decoder step of one row at 0-based position <paramref name="t"/>, LM head included.</summary>
    public double Step(int t) =>
        (spec.NumDecoderLayers * ((8 * D * I) + (4 * (t + 1) * I) + (4 * D * I) + (4 * L * I) + (4 * D * spec.DFf)))
        + (2 * D * spec.VocabSize);

    /// <summary>All useful FLOPs of one passage whose rows generate <paramref name="lengths"/> tokens each (EOS included).</summary>
    public double Passage(IEnumerable<int> lengths)
    {
        var total = Encoder + CrossKeysValues + Step(0);
        foreach (var length in lengths)
        {
            for (var t = 1; t < length; t++)
            {
                total += Step(t);
            }
        }

        return total;
    }

    /// <summary>Useful FLOPs of <paramref name="passages"/> passages with <paramref name="rowsPerPassage"/> rows each, row r generating lengths[r].</summary>
    public double Total(int passages, int rowsPerPassage, Func<int, int> lengthOfRow) =>
        Enumerable.Range(0, passages).Sum(p => Passage(Enumerable.Range(p * rowsPerPassage, rowsPerPassage).Select(lengthOfRow)));
}
