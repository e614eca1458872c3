using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Encoder output for one batch, right-padded to the longest input, each passage's rows repeated once per returned
/// sequence (Hugging Face expands the encoder output the same way, so the encoder runs once per batch).
/// </summary>
internal sealed class EncodedBatch
{
    private EncodedBatch(float[] hiddenStates, long[] attentionMask, int rows, int length, int dModel)
    {
        HiddenStates = hiddenStates;
        AttentionMask = attentionMask;
        Rows = rows;
        Length = length;
        DModel = dModel;
    }

    /// <summary>[Rows, Length, DModel]</summary>
    public float[] HiddenStates { get; }

    /// <summary>[Rows, Length], 1 for tokens, 0 for padding.</summary>
    public long[] AttentionMask { get; }

    public int Rows { get; }

    public int Length { get; }

    public int DModel { get; }

    public static EncodedBatch Encode(T5OnnxModel model, IReadOnlyList<long[]> inputs, int repeats, RunOptions runOptions)
    {
        var batch = inputs.Count;
        var length = inputs.Max(i => i.Length);
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        Array.Fill(ids, model.Config.PadTokenId);
        for (var b = 0; b < batch; b++)
        {
            inputs[b].CopyTo(ids, b * length);
            Array.Fill(mask, 1L, b * length, inputs[b].Length);
        }

        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [batch, length]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [batch, length]);
        using var outputs = model.Encoder.Run(runOptions, [model.EncoderInputIds, model.EncoderAttentionMask], [idsValue, maskValue], [model.EncoderOutput]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>(); // [batch, length, d_model]
        var dModel = hidden.Length / (batch * length);

        var rows = batch * repeats;
        var expanded = new float[rows * length * dModel];
        var expandedMask = new long[rows * length];
        for (var r = 0; r < rows; r++)
        {
            var source = r / repeats;
            hidden.Slice(source * length * dModel, length * dModel).CopyTo(expanded.AsSpan(r * length * dModel));
            mask.AsSpan(source * length, length).CopyTo(expandedMask.AsSpan(r * length));
        }

        return new EncodedBatch(expanded, expandedMask, rows, length, dModel);
    }
}
