using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Encoder output for one batch of passages, right-padded to the longest input: one row per passage. The decoder
/// rows (passage x returned sequence) share it; only the first decoder step reads it (<see cref="DecoderStepRunner"/>),
/// later steps read the cross-attention keys/values it produced.
/// </summary>
internal sealed class EncodedBatch
{
    private EncodedBatch(float[] hiddenStates, long[] attentionMask, int passages, int length, int dModel)
    {
        HiddenStates = hiddenStates;
        AttentionMask = attentionMask;
        Passages = passages;
        Length = length;
        DModel = dModel;
    }

    /// <summary>[Passages, Length, DModel]</summary>
    public float[] HiddenStates { get; }

    /// <summary>[Passages, Length], 1 for tokens, 0 for padding.</summary>
    public long[] AttentionMask { get; }

    public int Passages { get; }

    public int Length { get; }

    public int DModel { get; }

    public static EncodedBatch Encode(T5OnnxModel model, IReadOnlyList<long[]> inputs, RunOptions runOptions)
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
        return new EncodedBatch(hidden.ToArray(), mask, batch, length, dModel);
    }
}
