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

    public int Next(ReadOnlySpan<float> logits, bool suppressEos, double uniform)
    {
        if (_probs.Length != logits.Length)
        {
            _probs = new float[logits.Length];
            _order = new int[logits.Length];
            _keys = new float[logits.Length];
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
        var floor = (float)((1.0 - options.TopP) / probs.Length);
        var count = 0;
        for (var i = 0; i < probs.Length; i++)
        {
            if (probs[i] > floor)
            {
                _order[count] = i;
                _keys[count] = -probs[i];
                count++;
            }
        }

        if (count == 0)
        {
            return ArgMax(probs);
        }

        Array.Sort(_keys, _order, 0, count);
        double kept = 0;
        var keptCount = 0;
        while (keptCount < count && (keptCount == 0 || kept < options.TopP))
        {
            kept += probs[_order[keptCount]];
            keptCount++;
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
