namespace GenQ.Generation;

/// <summary>How the decoder is run each step.</summary>
public enum DecodingStrategy
{
    /// <summary>Self-attention keys/values are cached and grown by one position per step; cross-attention ones computed once.</summary>
    KvCache,

    /// <summary>The decoder reruns over the whole prefix every step. Slow; kept as the reference the cache is tested against.</summary>
    FullRecompute,
}
