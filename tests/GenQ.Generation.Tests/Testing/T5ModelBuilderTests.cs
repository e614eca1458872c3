using GenQ.Generation.Testing.T5;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Tests.Testing;

/// <summary>The ONNX graphs the builder writes compute what an independent plain-array T5 computes.</summary>
public sealed class T5ModelBuilderTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EncoderAndDecoderGraphsMatchTheReferenceForwardPass(bool tied)
    {
        var spec = TinyT5Models.Spec with { TieWordEmbeddings = tied, Seed = 21 };
        var folder = models.Write(tied ? "builder-tied" : "builder-untied", spec, T5DecoderLayout.Separate);
        var reference = new T5ReferenceForward(spec, new T5RandomWeights(spec));
        long[] input = [17, 250, 3, 999, 41, 8, 1];
        long[] decoderInput = [0, 55, 12, 700];

        using var encoder = new InferenceSession(Path.Combine(folder, "encoder_model.onnx"));
        using var ids = OrtValue.CreateTensorValueFromMemory(input, [1, input.Length]);
        var mask = Enumerable.Repeat(1L, input.Length).ToArray();
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [1, input.Length]);
        using var encoded = encoder.Run(new RunOptions(), ["input_ids", "attention_mask"], [ids, maskValue], ["last_hidden_state"]);
        var actualStates = encoded[0].GetTensorDataAsSpan<float>().ToArray();
        var expectedStates = reference.Encode(input);
        AssertClose(expectedStates.SelectMany(r => r).ToArray(), actualStates);

        using var decoder = new InferenceSession(Path.Combine(folder, "decoder_model.onnx"));
        using var decoderIds = OrtValue.CreateTensorValueFromMemory(decoderInput, [1, decoderInput.Length]);
        using var states = OrtValue.CreateTensorValueFromMemory(actualStates, [1, input.Length, spec.DModel]);
        using var decoded = decoder.Run(new RunOptions(), ["input_ids", "encoder_attention_mask", "encoder_hidden_states"], [decoderIds, maskValue, states], ["logits"]);
        var logits = decoded[0].GetTensorDataAsSpan<float>();
        var last = logits.Slice((decoderInput.Length - 1) * spec.VocabSize, spec.VocabSize).ToArray();
        AssertClose(reference.LastLogits(decoderInput, expectedStates), last);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a) / (1 + Math.Abs(e))).Max();
        Assert.True(worst < 1e-4, $"largest relative difference {worst}");
        Assert.True(expected.Select(Math.Abs).Max() > 0.1, "reference output is trivially small");
    }
}
