namespace GenQ.Generation.Testing.Decoding;

/// <summary>
/// Query lengths for a random-weight model, which never chooses to stop by itself: each generated sequence gets a
/// length in T5 tokens, EOS included, drawn with a fixed seed from a doc2query-like distribution. MS MARCO queries (what
/// doc2query models are trained to write) average about 6 words, roughly 10 SentencePiece tokens plus EOS, and are
/// right-skewed: a log-normal with median <see cref="Median"/> and sigma <see cref="Sigma"/>, rounded and clamped to
/// [<see cref="MinLength"/>, maxNewTokens], has mean about 11 tokens; about 1 % of draws reach 32 tokens and about 1 in
/// 10,000 reaches 64. This is a model of query lengths, not a measurement of a real doc2query model's output.
/// </summary>
public static class QueryLengthSchedule
{
    public const double Median = 9.7;

    public const double Sigma = 0.5;

    /// <summary>One token and EOS.</summary>
    public const int MinLength = 2;

    /// <summary>Seed of the bench's schedule: the same passage and sequence always get the same length.</summary>
    public const int DefaultSeed = 2026;

    /// <summary><paramref name="count"/> lengths (EOS included), each in [MinLength, maxNewTokens]; the same seed gives the same list.</summary>
    public static int[] Draw(int count, int maxNewTokens, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNewTokens, MinLength);
        var random = new Random(seed);
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            var length = (int)Math.Round(Median * Math.Exp(Sigma * StandardNormal.Draw(random)));
            lengths[i] = Math.Clamp(length, MinLength, maxNewTokens);
        }

        return lengths;
    }
}
