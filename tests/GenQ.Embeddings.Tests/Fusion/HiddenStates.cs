using Microsoft.ML.OnnxRuntime;

namespace GenQ.Embeddings.Tests.Fusion;

/// <summary>Runs an in-memory ONNX encoder (1 thread, CPU) on one padded batch and compares hidden states at real tokens.</summary>
internal static class HiddenStates
{
    public static float[] Run(byte[] model, long[] ids, long[] mask, int batch, int sequence)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(model, options);
        long[] shape = [batch, sequence];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var run = new RunOptions();
        using var outputs = session.Run(run, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["last_hidden_state"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Largest |a - b| over the positions the mask keeps (padded positions are free to differ).</summary>
    public static float MaxDifferenceAtTokens(float[] a, float[] b, long[] mask, int hidden)
    {
        var max = 0f;
        for (var position = 0; position < mask.Length; position++)
        {
            for (var d = 0; mask[position] == 1 && d < hidden; d++)
            {
                max = Math.Max(max, Math.Abs(a[(position * hidden) + d] - b[(position * hidden) + d]));
            }
        }

        return max;
    }

    /// <summary>A right-padded batch of random token ids with the given lengths (ids 1..vocab-1, padding id 0).</summary>
    public static (long[] Ids, long[] Mask, int Sequence) RandomBatch(int[] lengths, int vocab, int seed)
    {
        var random = new Random(seed);
        var sequence = lengths.Max();
        var ids = new long[lengths.Length * sequence];
        var mask = new long[ids.Length];
        for (var b = 0; b < lengths.Length; b++)
        {
            for (var t = 0; t < lengths[b]; t++)
            {
                ids[(b * sequence) + t] = random.Next(1, vocab);
                mask[(b * sequence) + t] = 1;
            }
        }

        return (ids, mask, sequence);
    }
}
