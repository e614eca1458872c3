using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>Copies selected rows (axis 0) of a CPU tensor into a new tensor that owns its memory.</summary>
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
        var from = source.GetTensorDataAsSpan<T>();
        var to = target.GetTensorMutableDataAsSpan<T>();
        for (var i = 0; i < rows.Length; i++)
        {
            from.Slice(rows[i] * rowSize, rowSize).CopyTo(to.Slice(i * rowSize, rowSize));
        }

        return target;
    }
}
