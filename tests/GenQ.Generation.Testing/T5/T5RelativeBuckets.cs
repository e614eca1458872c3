namespace GenQ.Generation.Testing.T5;

/// <summary>
/// T5's relative-position bucketing (as in Hugging Face <c>T5Attention._relative_position_bucket</c>), tabulated for
/// relative positions -maxDistance..+maxDistance. Every offset beyond maxDistance lands in the last bucket, so clipping
/// the offset into the table gives the same bucket as the formula for any sequence length.
/// </summary>
public static class T5RelativeBuckets
{
    public static long[] Table(bool bidirectional, int numBuckets, int maxDistance)
    {
        var table = new long[(2 * maxDistance) + 1];
        for (var rel = -maxDistance; rel <= maxDistance; rel++)
        {
            table[rel + maxDistance] = Bucket(rel, bidirectional, numBuckets, maxDistance);
        }

        return table;
    }

    /// <param name="relativePosition">memory (key) position minus context (query) position.</param>
    public static long Bucket(long relativePosition, bool bidirectional, int numBuckets, int maxDistance)
    {
        long offset = 0;
        long n;
        if (bidirectional)
        {
            numBuckets /= 2;
            offset = relativePosition > 0 ? numBuckets : 0;
            n = Math.Abs(relativePosition);
        }
        else
        {
            n = Math.Max(-relativePosition, 0);
        }

        var maxExact = numBuckets / 2;
        if (n < maxExact)
        {
            return offset + n;
        }

        var scaled = MathF.Log((float)n / maxExact) / (float)Math.Log((double)maxDistance / maxExact) * (numBuckets - maxExact);
        return offset + Math.Min(maxExact + (long)scaled, numBuckets - 1);
    }
}
