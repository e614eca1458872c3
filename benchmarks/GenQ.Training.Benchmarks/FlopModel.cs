namespace GenQ.Training.Benchmarks;

/// <summary>
/// Arithmetic of all-MiniLM-L6-v2 (6 layers, hidden 384, FFN 1536) in FLOPs, to relate a measured rate to the GEMM
/// rate the machine offers at the same moment (it is shared, so absolute numbers move with other people's load).
/// </summary>
internal static class FlopModel
{
    private const double Layers = 6;
    private const double Hidden = 384;
    private const double Ffn = 1536;

    /// <summary>Forward FLOPs of one sequence of <paramref name="tokens"/> tokens (matmuls and attention scores).</summary>
    public static double Forward(double tokens)
    {
        var linear = 2 * ((4 * Hidden * Hidden) + (2 * Hidden * Ffn)); // per token per layer
        var attention = 4 * tokens * Hidden;                           // QK^T and PV per token per layer
        return Layers * tokens * (linear + attention);
    }

    /// <summary>Forward + backward (≈ 3 × forward) of one training step.</summary>
    public static double TrainingStep(int batch, int queryTokens, int passageTokens)
        => 3 * batch * (Forward(queryTokens) + Forward(passageTokens));
}
