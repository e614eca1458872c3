using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Symmetric int8 scalar quantisation with one scale per vector: x ~ scale * q, q in [-127, 127], scale = max|x| / 127.
/// A per-vector scale keeps the full int8 range for every row, which matters for unit vectors whose largest component
/// varies from row to row. dot(x, y) ~ scale_x * scale_y * dot(q_x, q_y), with the integer dot product exact in int32.
/// </summary>
internal static class Int8Vectors
{
    /// <summary>Quantises <paramref name="source"/> into <paramref name="destination"/>; returns the scale.</summary>
    public static float Quantize(ReadOnlySpan<float> source, Span<sbyte> destination)
    {
        var maxAbs = TensorPrimitives.MaxMagnitude(source);
        maxAbs = MathF.Abs(maxAbs);
        if (maxAbs == 0f)
        {
            destination.Clear();
            return 0f;
        }

        var inverse = 127f / maxAbs;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (sbyte)Math.Clamp(MathF.Round(source[i] * inverse), -127f, 127f);
        }

        return maxAbs / 127f;
    }

    /// <summary>Exact integer dot product of two int8 vectors of equal length with codes in [-127, 127] (as Quantize makes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var n = a.Length;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && n >= 32)
        {
            // |a| (unsigned) x (b with the sign of a) via vpmaddubsw: 32 products per step summed pairwise into int16
            // (at most 2 x 127 x 127 = 32258, no saturation for codes in [-127, 127]), then vpmaddwd with ones into int32.
            var ones = Vector256.Create((short)1);
            var acc = Vector256<int>.Zero;
            for (; i <= n - 32; i += 32)
            {
                var va = Vector256.LoadUnsafe(ref ra, (nuint)i);
                var vb = Vector256.LoadUnsafe(ref rb, (nuint)i);
                var pairs = Avx2.MultiplyAddAdjacent(Avx2.Abs(va), Avx2.Sign(vb, va));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(pairs, ones));
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && n >= 16)
        {
            // Portable path (e.g. ARM): |q| <= 127 so each int16 product fits; widen products to int32 before adding.
            var acc = Vector128<int>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var (aLo, aHi) = Vector128.Widen(Vector128.LoadUnsafe(ref ra, (nuint)i));
                var (bLo, bHi) = Vector128.Widen(Vector128.LoadUnsafe(ref rb, (nuint)i));
                var (p0, p1) = Vector128.Widen(aLo * bLo);
                var (p2, p3) = Vector128.Widen(aHi * bHi);
                acc += p0 + p1 + p2 + p3;
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        }

        return sum;
    }
}
