using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>Copies selected rows (axis 0) of a CPU tensor: into a new tensor that owns its memory, or between spans.</summary>
internal static class OrtRows
{
    public static OrtValue Select<T>(OrtValue source, int[] rows) where T : unmanaged
    {
        var info = source.GetTensorTypeAndShape();
        var shape = info.Shape;
        var rowSize = (int)(shape.Length == 0 ? 0 : info.ElementCount / shape[0]);
        var newShape = (long[])shape.Clone();
        newShape[0] = rows.Length;
        var target = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, info.ElementDataType, newShape);
        CopyRows(source.GetTensorDataAsSpan<T>(), target.GetTensorMutableDataAsSpan<T>(), rows, rowSize);
        return target;
    }

    /// <summary>
    /// Row i of <paramref name="to"/> = row rows[i] of <paramref name="from"/>. The two may be the same memory when
    /// rows[i] >= i for every i (an order-keeping subset): row i's target is then never a row still to be read.
    /// </summary>
    public static void CopyRows<T>(ReadOnlySpan<T> from, Span<T> to, int[] rows, int rowSize)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            from.Slice(checked(rows[i] * rowSize), rowSize).CopyTo(to.Slice(checked(i * rowSize), rowSize));
        }
    }
}
