namespace GenQ.Quantization.Weights;

/// <summary>
/// Symmetric linear int8 quantisation of float weights: scale = max|w| / qmax, code = round_half_even(w / scale)
/// clamped to [-qmax, qmax], zero point 0. The error of each weight is at most scale / 2.
/// </summary>
internal static class SymmetricInt8
{
    public const int FullRange = 127;
    public const int ReducedRange = 63;

    /// <summary>One scale for the whole tensor.</summary>
    public static QuantizedTensor PerTensor(ReadOnlySpan<float> values, int qmax)
    {
        var scale = ScaleFor(MaxAbs(values), qmax);
        var codes = new sbyte[values.Length];
        Encode(values, codes, scale, qmax);
        return new QuantizedTensor(codes, [scale]);
    }

    /// <summary>One scale per column of a row-major [rows, cols] matrix (per output channel of x @ W).</summary>
    public static QuantizedTensor PerColumn(ReadOnlySpan<float> values, int rows, int cols, int qmax)
    {
        CheckShape(values, rows, cols);
        var maxAbs = new float[cols];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * cols, cols);
            for (var c = 0; c < cols; c++)
            {
                if (!float.IsFinite(row[c]))
                {
                    throw new InvalidDataException($"Cannot quantise a weight that is {row[c]} (row {r}, column {c}).");
                }

                maxAbs[c] = MathF.Max(maxAbs[c], MathF.Abs(row[c]));
            }
        }

        var scales = new float[cols];
        for (var c = 0; c < cols; c++)
        {
            scales[c] = ScaleFor(maxAbs[c], qmax);
        }

        var codes = new sbyte[values.Length];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * cols, cols);
            var rowCodes = codes.AsSpan(r * cols, cols);
            for (var c = 0; c < cols; c++)
            {
                rowCodes[c] = Code(row[c], scales[c], qmax);
            }
        }

        return new QuantizedTensor(codes, scales);
    }

    /// <summary>One scale per row of a row-major [rows, cols] matrix (per entry of an embedding table).</summary>
    public static QuantizedTensor PerRow(ReadOnlySpan<float> values, int rows, int cols, int qmax)
    {
        CheckShape(values, rows, cols);
        var codes = new sbyte[values.Length];
        var scales = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * cols, cols);
            scales[r] = ScaleFor(MaxAbs(row), qmax);
            Encode(row, codes.AsSpan(r * cols, cols), scales[r], qmax);
        }

        return new QuantizedTensor(codes, scales);
    }

    private static void Encode(ReadOnlySpan<float> values, Span<sbyte> codes, float scale, int qmax)
    {
        for (var i = 0; i < values.Length; i++)
        {
            codes[i] = Code(values[i], scale, qmax);
        }
    }

    private static sbyte Code(float value, float scale, int qmax)
        => (sbyte)Math.Clamp(MathF.Round(value / scale, MidpointRounding.ToEven), -qmax, qmax);

    // An all-zero column or row gets scale 1 so that dequantisation never divides by or multiplies with zero scales.
    private static float ScaleFor(float maxAbs, int qmax) => maxAbs > 0 && float.IsFinite(maxAbs) ? maxAbs / qmax : 1f;

    private static float MaxAbs(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                throw new InvalidDataException($"Cannot quantise a weight that is {v}.");
            }

            max = MathF.Max(max, MathF.Abs(v));
        }

        return max;
    }

    private static void CheckShape(ReadOnlySpan<float> values, int rows, int cols)
    {
        if ((long)rows * cols != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not form a [{rows}, {cols}] matrix.", nameof(values));
        }
    }
}
