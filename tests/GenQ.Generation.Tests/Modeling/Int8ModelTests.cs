using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using GenQ.Generation.Testing.T5;
using GenQ.Quantization.T5;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace GenQ.Generation.Tests.Modeling;

/// <summary>
/// Dynamic int8 (GenQ.Quantization's T5DynamicInt8Quantizer) on the tiny models: the *_quantized.onnx files load
/// through the same <see cref="T5OnnxModel"/> in every decoder layout, and greedy output stays close to fp32's.
/// </summary>
public sealed class Int8ModelTests(TinyT5Models models, ITestOutputHelper output) : IClassFixture<TinyT5Models>
{
    // Tiny spec: 2+2 layers. Encoder: per layer Q, K, V, O, wi, wo = 6 weight MatMuls, 2 activation MatMuls
    // (scores, weighted sum). Decoder per branch and layer: without past 4 self + 4 cross + 2 FFN = 10, with past
    // 4 self + 2 cross (Q, O; K/V come from the cache) + 2 FFN = 8, 4 activation MatMuls; plus the LM head per branch.
    [Theory]
    [InlineData(T5DecoderLayout.Merged, false, 12, 4, new[] { 2 * (10 + 8) + 2 }, new[] { 16 })]
    [InlineData(T5DecoderLayout.Merged, true, 12, 4, new[] { 2 * (10 + 8) + 2 }, new[] { 16 })]
    [InlineData(T5DecoderLayout.Separate, false, 12, 4, new[] { (2 * 10) + 1, (2 * 8) + 1 }, new[] { 8, 8 })]
    public void QuantisesEveryWeightMatMulAndLoadsThroughTheSameModelClass(T5DecoderLayout layout, bool tied, int encoderInt8, int encoderFloat, int[] decoderInt8, int[] decoderFloat)
    {
        var folder = models.Write($"int8-{layout}-{(tied ? "tied" : "untied")}", TinyT5Models.Spec with { TieWordEmbeddings = tied }, layout);

        var files = T5DynamicInt8Quantizer.Quantize(folder);

        Assert.Equal([encoderInt8, .. decoderInt8], files.Select(f => f.MatMulsQuantized));
        Assert.Equal([encoderFloat, .. decoderFloat], files.Select(f => f.MatMulsKeptFloat));
        Assert.All(files, f => Assert.Equal(T5ModelFolder.QuantizedName(Path.GetFileName(f.SourcePath)), Path.GetFileName(f.QuantizedPath)));
        using var model = T5OnnxModel.Load(folder, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, int8: true);
        Assert.True(model.Folder.Int8);
        Assert.EndsWith("encoder_model_quantized.onnx", model.Folder.EncoderFile, StringComparison.Ordinal);
        Assert.Contains("_quantized.onnx", model.DecoderFiles, StringComparison.Ordinal);
        var result = new T5Seq2SeqGenerator(model).Generate([[5, 6, 7, 1]], new GenerationOptions { Greedy = true, MaxNewTokens = 4, QueriesPerPassage = 2 }, new Random(1), default);
        Assert.Equal(2, result.Count);
        Assert.All(result, r => Assert.Equal(4, r.Tokens.Length)); // the untrained tiny model never picks EOS in 4 greedy steps
    }

    [Fact]
    public void QuantisedFolderOfTheGeneratorIsNamedAsInt8()
    {
        var folder = models.Write("int8-named", TinyT5Models.Spec, T5DecoderLayout.Merged);
        T5DynamicInt8Quantizer.Quantize(folder);

        using var generator = T5QueryGenerator.Load(new GenerationOptions { ModelPath = folder, Int8 = true, Provider = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 }, NullLogger.Instance);

        Assert.Equal("t5:int8-named:int8", generator.Name);
    }

    [Fact]
    public void Int8WithoutQuantisedFilesNamesTheMissingFileAndHowToMakeIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => T5ModelFolder.Open(models.Merged, int8: true));

        Assert.Contains("encoder_model_quantized.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("T5DynamicInt8Quantizer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuantizerAndLoaderAgreeOnTheFileNames()
    {
        Assert.Equal(T5ModelFolder.QuantizedSuffix, T5DynamicInt8Quantizer.FileSuffix);
        Assert.Equal("decoder_model_merged_quantized.onnx", T5DynamicInt8Quantizer.QuantizedName(T5ModelFolder.MergedDecoder));
    }

    [Fact]
    public void QuantisingTwiceIsRefused()
    {
        var folder = models.Write("int8-twice", TinyT5Models.Spec, T5DecoderLayout.Merged);
        T5DynamicInt8Quantizer.Quantize(folder);
        File.Move(Path.Combine(folder, "encoder_model_quantized.onnx"), Path.Combine(folder, T5ModelFolder.Encoder), overwrite: true);

        var error = Assert.Throws<InvalidDataException>(() => T5DynamicInt8Quantizer.Quantize(folder));

        Assert.Contains("already quantised", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Greedy agreement of int8 with fp32 on 48 random passages, reported and bounded. Per-column int8 weights (error at
    /// most max|w| / 254 per weight) and per-call uint8 activations move the logits by a small fraction of their spread.
    /// A first token flips only where the two best logits are closer than about twice the error there; the gap between
    /// the two best of 1000 random logits is roughly exponential with mean about 0.27 standard deviations, so with a
    /// typical (mean) error below 2.5 % of the spread (asserted) about 1 - exp(-0.05 / 0.27) = 17 % of first tokens
    /// could flip: 75 % agreement is the floor. The maximum error is capped at 10 % of the spread. Whole-sequence
    /// agreement is reported, not asserted (one flip changes everything after it, and it says nothing about query
    /// quality, which only a real model can show).
    /// </summary>
    [Fact]
    public void Int8GreedyOutputMostlyAgreesWithFp32()
    {
        var folder = models.Write("int8-agreement", TinyT5Models.Spec, T5DecoderLayout.Merged);
        T5DynamicInt8Quantizer.Quantize(folder);
        using var fp32 = T5OnnxModel.Load(folder, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance);
        using var int8 = T5OnnxModel.Load(folder, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, int8: true);
        var random = new Random(4);
        var inputs = Enumerable.Range(0, 48).Select(_ => Enumerable.Range(0, random.Next(8, 60)).Select(_ => (long)random.Next(3, 1000)).Append(1L).ToArray()).ToList();
        var options = new GenerationOptions { Greedy = true, MaxNewTokens = 8, QueriesPerPassage = 1 };

        var a = new T5Seq2SeqGenerator(fp32).Generate(inputs, options, new Random(1), default);
        var b = new T5Seq2SeqGenerator(int8).Generate(inputs, options, new Random(1), default);
        var (maxDiff, meanDiff, spread) = FirstStepLogitDifference(fp32, int8, inputs);

        var firstToken = a.Zip(b).Count(p => p.First.Tokens[0] == p.Second.Tokens[0]) / (double)a.Count;
        var identical = a.Zip(b).Count(p => p.First.Tokens.SequenceEqual(p.Second.Tokens)) / (double)a.Count;
        var positions = a.Zip(b).Sum(p => p.First.Tokens.Zip(p.Second.Tokens).TakeWhile(t => t.First == t.Second).Count()) / (double)a.Sum(r => r.Tokens.Length);
        output.WriteLine($"int8 vs fp32, greedy, 48 passages x 8 tokens: first token {firstToken:P1}, whole sequence {identical:P1}, tokens before the first divergence {positions:P1}; " +
            $"first-step logits: max |diff| {maxDiff:F4} ({maxDiff / spread:P1} of the fp32 logits' std {spread:F4}), mean |diff| {meanDiff:F4} ({meanDiff / spread:P2})");
        Assert.True(firstToken >= 0.75, $"first-token agreement {firstToken:P1}");
        Assert.True(maxDiff < 0.1 * spread, $"max logit difference {maxDiff} vs logit std {spread}");
        Assert.True(meanDiff < 0.025 * spread, $"mean logit difference {meanDiff} vs logit std {spread}");
    }

    private static (double MaxDiff, double MeanDiff, double Spread) FirstStepLogitDifference(T5OnnxModel fp32, T5OnnxModel int8, List<long[]> inputs)
    {
        float[] Logits(T5OnnxModel model)
        {
            using var runOptions = new RunOptions();
            var batch = EncodedBatch.Encode(model, inputs, runOptions);
            using var runner = new DecoderStepRunner(model, batch, Enumerable.Range(0, inputs.Count).ToArray(), runOptions, bindToDevice: false);
            runner.FirstStep(model.Config.DecoderStartTokenId, sharePerPassage: true);
            return runner.Logits.ToArray();
        }

        var x = Logits(fp32);
        var y = Logits(int8);
        var mean = x.Average();
        var std = Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));
        return (x.Zip(y).Max(p => Math.Abs(p.First - p.Second)), x.Zip(y).Average(p => Math.Abs(p.First - p.Second)), std);
    }
}
