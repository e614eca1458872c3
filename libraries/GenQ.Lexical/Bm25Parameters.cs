namespace GenQ.Lexical;

/// <summary>
/// BM25 parameters. k1 = 0.9, b = 0.4 are Anserini's / Pyserini's BEIR "flat" settings, the baseline of issue 8
/// (Lucene's own defaults are 1.2 / 0.75).
/// </summary>
/// <param name="K1">Term-frequency saturation, 0 to 10.</param>
/// <param name="B">Length normalisation, 0 (none) to 1 (full).</param>
public sealed record Bm25Parameters(float K1 = 0.9f, float B = 0.4f)
{
    /// <summary>The baseline, k1 = 0.9, b = 0.4.</summary>
    public static Bm25Parameters Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the parameter that is out of range.</summary>
    public Bm25Parameters Validate()
    {
        if (!float.IsFinite(K1) || K1 is < 0f or > 10f)
        {
            throw new ArgumentOutOfRangeException(nameof(K1), K1, "BM25 k1 must be 0-10.");
        }

        if (!float.IsFinite(B) || B is < 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(B), B, "BM25 b must be 0-1.");
        }

        return this;
    }
}
