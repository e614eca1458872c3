using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// One host buffer for a cohort's cross-attention keys/values (every layer's key and value, [rows, heads,
/// encoder length, head_dim] each), rented from the model's <see cref="HostBufferPool"/> for the cohort's lifetime.
/// Replicating a passage's first-step rows writes into it; dropping finished rows compacts it in place (rows only
/// move to lower indices, so the copy never overwrites a row still to be read). The cache is the same tensors as a
/// fresh copy would be, so the output is the same; only the memory is reused.
/// </summary>
internal sealed class HostCrossCache(HostBufferPool pool, int tensors) : IDisposable
{
    private float[]? _buffer;
    private long _regionLength; // floats per tensor region: the cohort's first row count x row size

    /// <summary>Tensor <paramref name="tensor"/>'s <paramref name="rows"/> of <paramref name="source"/> (which may be a view of this buffer), as a view of this buffer.</summary>
    public OrtValue Select(int tensor, OrtValue source, int[] rows)
    {
        var info = source.GetTensorTypeAndShape();
        var shape = info.Shape;
        var rowSize = info.ElementCount / shape[0];
        if (_buffer is null)
        {
            _regionLength = rows.Length * rowSize;
            _buffer = pool.Rent(_regionLength * tensors);
        }

        if (rows.Length * rowSize > _regionLength)
        {
            throw new InvalidOperationException($"The cross-attention cache holds {_regionLength / rowSize} rows, not {rows.Length}.");
        }

        var region = _buffer.AsMemory(checked((int)(tensor * _regionLength)), checked((int)(rows.Length * rowSize)));
        OrtRows.CopyRows(source.GetTensorDataAsSpan<float>(), region.Span, rows, checked((int)rowSize)); // in place: compaction keeps row order

        var newShape = (long[])shape.Clone();
        newShape[0] = rows.Length;
        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, region, newShape);
    }

    /// <summary>Returns the buffer to the pool; every view must be disposed first.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            pool.Return(_buffer);
            _buffer = null;
        }
    }
}
