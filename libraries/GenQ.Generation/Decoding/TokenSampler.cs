using System.Numerics.Tensors;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Picks the next token from one row of logits, in Hugging Face's order: EOS suppression (min_new_tokens),
/// temperature, top-k, top-p (nucleus), then a draw from what remains. Greedy takes the first maximum (torch.argmax).
/// top_p keeps the smallest most-likely set whose mass reaches top_p and always at least one token, so top_p = 0 is greedy.
/// Not thread-safe (it reuses its buffers): one sampler per thread.
/// </summary>
internal sealed class TokenSampler(GenerationOptions options, IReadOnlyList<long> eosTokenIds)
{
    // Nucleus bins: a probability's float bits shifted right by 23 - MantissaBits, so a bin spans a factor of
    // 2^(1 / 2^MantissaBits) = 1.0027. Fine bins keep the one bin that has to be sorted small even when the
    // distribution is flat (a random-weight model's is: with 2 bits the boundary bin held thousands of tokens and its
    // sort was most of a row's sampling time).
    private const int MantissaBits = 8;
    private const int BinShift = 23 - MantissaBits;

    private float[] _probs = [];
    private int[] _order = [];
    private float[] _keys = [];
    private int[] _boundary = [];
    private int[] _bins = [];
    private double[] _binMass = [];
    private int[] _binCount = [];

    public int Next(ReadOnlySpan<float> logits, bool suppressEos, double uniform)
    {
        var probs = Scores(logits, suppressEos);
        if (options.Greedy)
        {
            return ArgMax(probs);
        }

        Softmax(probs);
        var keptCount = Nucleus(probs, out var kept);
        var target = uniform * kept;
        double cumulative = 0;
        for (var i = 0; i < keptCount; i++)
        {
            cumulative += probs[_order[i]];
            if (target < cumulative)
            {
                return _order[i];
            }
        }

        return _order[keptCount - 1];
    }

    /// <summary>The tokens a draw can pick from, in ascending id order (test seam for the nucleus rule).</summary>
    internal int[] NucleusOf(ReadOnlySpan<float> logits)
    {
        var probs = Scores(logits, suppressEos: false);
        Softmax(probs);
        var keptCount = Nucleus(probs, out _);
        var tokens = _order[..keptCount];
        Array.Sort(tokens);
        return tokens;
    }

    /// <summary>The logits divided by the temperature, suppressed EOS at -inf, in the sampler's buffer.</summary>
    private Span<float> Scores(ReadOnlySpan<float> logits, bool suppressEos)
    {
        if (_probs.Length != logits.Length)
        {
            _probs = new float[logits.Length];
            _order = new int[logits.Length];
            _keys = new float[logits.Length];
            _boundary = new int[logits.Length];
            _bins = new int[logits.Length];
        }

        var scores = _probs.AsSpan(0, logits.Length);
        if (options.Greedy)
        {
            logits.CopyTo(scores);
        }
        else
        {
            TensorPrimitives.Multiply(logits, (float)(1.0 / options.Temperature), scores);
        }

        if (suppressEos)
        {
            foreach (var eos in eosTokenIds)
            {
                scores[(int)eos] = float.NegativeInfinity;
            }
        }

        return scores;
    }

    /// <summary>Top-k (when set), then softmax in place: vectorised, a row of a 32k vocabulary is a few passes over 128 KB.</summary>
    private void Softmax(Span<float> scores)
    {
        if (options.TopK is { } k && k < scores.Length)
        {
            var threshold = KthLargest(scores, k);
            foreach (ref var s in scores)
            {
                if (s < threshold)
                {
                    s = float.NegativeInfinity;
                }
            }
        }

        var max = TensorPrimitives.Max(scores);
        TensorPrimitives.Subtract(scores, max, scores);
        TensorPrimitives.Exp(scores, scores);
        TensorPrimitives.Multiply(scores, 1f / TensorPrimitives.Sum(scores), scores);
    }

    /// <summary>Fills <c>_order</c> with the nucleus (draw order) and returns its size; <paramref name="kept"/> is its mass.</summary>
    private int Nucleus(Span<float> probs, out double kept)
    {
        if (options.TopP >= 1)
        {
            // Everything is kept: no binning (with no floor there would be a bin per float exponent down to zero).
            kept = 0;
            for (var i = 0; i < probs.Length; i++)
            {
                _order[i] = i;
                kept += probs[i];
            }

            return probs.Length;
        }

        // Tokens below (1 - top_p) / V can never be in the nucleus: all of them together hold at most 1 - top_p.
        // The rest are binned by the top bits of their float representation (monotonic for positive floats): whole
        // bins above the one where the mass reaches top_p are kept, and only that bin is sorted. O(V) per row
        // instead of sorting the whole vocabulary for every row and step. Bin 0 gathers everything below the floor's
        // bin, so no token needs a branch (half the tokens lie above the floor on a flat row: a branch per token
        // mispredicted about half the time and cost more than the arithmetic).
        var floor = (float)((1.0 - options.TopP) / probs.Length);
        var firstBin = (BitConverter.SingleToInt32Bits(floor) >> BinShift) - 1;
        var binCount = (BitConverter.SingleToInt32Bits(1f) >> BinShift) - firstBin + 1;
        if (_binMass.Length != binCount)
        {
            _binMass = new double[binCount];
            _binCount = new int[binCount];
        }

        Array.Clear(_binMass);
        Array.Clear(_binCount);
        var bins = _bins.AsSpan(0, probs.Length);
        for (var i = 0; i < probs.Length; i++)
        {
            var bin = Math.Clamp((BitConverter.SingleToInt32Bits(probs[i]) >> BinShift) - firstBin, 0, binCount - 1);
            bins[i] = bin;
            if (bin > 0)
            {
                _binMass[bin] += probs[i];
                _binCount[bin]++;
            }
        }

        double above = 0;
        var boundary = 0;
        for (var bin = binCount - 1; bin >= 0; bin--)
        {
            if (_binCount[bin] == 0)
            {
                continue;
            }

            boundary = bin;
            if (above + _binMass[bin] >= options.TopP)
            {
                break;
            }

            above += _binMass[bin];
        }

        // Branch-free compaction: every token is written, the counts advance only for the kept and the boundary ones.
        var keptCount = 0;
        var boundaryCount = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            _order[keptCount] = i;
            keptCount += bins[i] > boundary ? 1 : 0;
            _boundary[boundaryCount] = i;
            boundaryCount += bins[i] == boundary ? 1 : 0;
        }

        for (var j = 0; j < boundaryCount; j++)
        {
            _keys[j] = -probs[_boundary[j]];
        }

        // Most likely first within the boundary bin; keep while the mass of the more likely tokens is below top_p.
        Array.Sort(_keys, _boundary, 0, boundaryCount);
        kept = above;
        for (var j = 0; j < boundaryCount && (keptCount == 0 || kept < options.TopP); j++)
        {
            _order[keptCount++] = _boundary[j];
            kept += -_keys[j];
        }

        return keptCount;
    }

    private float KthLargest(Span<float> scores, int k)
    {
        var copy = _keys.AsSpan(0, scores.Length);
        scores.CopyTo(copy);
        copy.Sort();
        return copy[scores.Length - k];
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
