namespace GenQ.Generation.Decoding;

/// <summary>
/// Picks the next token from one row of logits, in Hugging Face's order: EOS suppression (min_new_tokens),
/// temperature, top-k, top-p (nucleus), then a draw from what remains. Greedy takes the first maximum (torch.argmax).
/// top_p keeps the smallest most-likely set whose mass reaches top_p and always at least one token, so top_p = 0 is greedy.
/// </summary>
internal sealed class TokenSampler(GenerationOptions options, IReadOnlyList<long> eosTokenIds)
{
    private float[] _probs = [];
    private int[] _order = [];
    private float[] _keys = [];
    private int[] _boundary = [];
    private readonly double[] _binMass = new double[1024];
    private readonly int[] _binCount = new int[1024];

    public int Next(ReadOnlySpan<float> logits, bool suppressEos, double uniform)
    {
        if (_probs.Length != logits.Length)
        {
            _probs = new float[logits.Length];
            _order = new int[logits.Length];
            _keys = new float[logits.Length];
            _boundary = new int[logits.Length];
        }

        var scores = _probs.AsSpan(0, logits.Length);
        logits.CopyTo(scores);
        if (suppressEos)
        {
            foreach (var eos in eosTokenIds)
            {
                scores[(int)eos] = float.NegativeInfinity;
            }
        }

        if (options.Greedy)
        {
            return ArgMax(scores);
        }

        var inverseTemperature = (float)(1.0 / options.Temperature);
        var max = float.NegativeInfinity;
        foreach (ref var s in scores)
        {
            s *= inverseTemperature;
            max = MathF.Max(max, s);
        }

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

        // Softmax in place.
        double sum = 0;
        foreach (ref var s in scores)
        {
            s = MathF.Exp(s - max);
            sum += s;
        }

        var inverseSum = (float)(1.0 / sum);
        foreach (ref var s in scores)
        {
            s *= inverseSum;
        }

        return SampleNucleus(scores, uniform);
    }

    private int SampleNucleus(Span<float> probs, double uniform)
    {
        // Tokens below (1 - top_p) / V can never be in the nucleus: all of them together hold at most 1 - top_p.
        // The rest are binned by the top bits of their float representation (exponent + 2 mantissa bits, monotonic for
        // positive floats): whole bins above the one where the mass reaches top_p are kept, and only that bin is sorted.
        // O(V) per row instead of sorting a 32k vocabulary for every row and step.
        var floor = (float)((1.0 - options.TopP) / probs.Length);
        Array.Clear(_binMass);
        Array.Clear(_binCount);
        for (var i = 0; i < probs.Length; i++)
        {
            if (probs[i] > floor)
            {
                var bin = Bin(probs[i]);
                _binMass[bin] += probs[i];
                _binCount[bin]++;
            }
        }

        double above = 0;
        var boundary = -1;
        for (var bin = _binMass.Length - 1; bin >= 0; bin--)
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

        if (boundary < 0)
        {
            return ArgMax(probs);
        }

        var keptCount = 0;
        var boundaryCount = 0;
        for (var i = 0; i < probs.Length; i++)
        {
            if (probs[i] > floor)
            {
                var bin = Bin(probs[i]);
                if (bin > boundary)
                {
                    _order[keptCount++] = i;
                }
                else if (bin == boundary)
                {
                    _boundary[boundaryCount] = i;
                    _keys[boundaryCount++] = -probs[i];
                }
            }
        }

        // Most likely first within the boundary bin; keep while the mass of the more likely tokens is below top_p.
        Array.Sort(_keys, _boundary, 0, boundaryCount);
        var kept = above;
        for (var j = 0; j < boundaryCount && (keptCount == 0 || kept < options.TopP); j++)
        {
            _order[keptCount++] = _boundary[j];
            kept += -_keys[j];
        }

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

    private static int Bin(float probability) => BitConverter.SingleToInt32Bits(probability) >> 21;

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
