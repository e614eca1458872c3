using GenQ.Generation.Decoding;
using GenQ.Generation.Tests.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace GenQ.Generation.Tests.Modeling;

/// <summary>
/// The merged decoder's cached branch returns an empty tensor instead of an Identity copy of the cross-attention
/// cache; what the decoder computes must not change.
/// </summary>
public sealed class MergedDecoderRewriteTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    [Fact]
    public void TheCachedBranchNoLongerCopiesTheCrossAttentionCache()
    {
        var path = Path.Combine(models.Merged, T5ModelFolder.MergedDecoder);
        var layers = T5ModelConfig.Load(models.Merged).DecoderLayers;

        var bytes = MergedDecoderRewrite.WithoutCrossCacheCopy(path, out var replaced);

        Assert.NotNull(bytes);
        Assert.Equal(2 * layers, replaced); // a key and a value per layer
        var before = CachedBranch(ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)));
        var after = CachedBranch(ModelProto.Parser.ParseFrom(bytes));
        Assert.Equal(2 * layers, before.Node.Count(n => n.OpType == "Identity" && n.Input[0].Contains(".encoder.", StringComparison.Ordinal)));
        Assert.DoesNotContain(after.Node, n => n.OpType == "Identity" && n.Input[0].Contains(".encoder.", StringComparison.Ordinal));
        Assert.Equal(before.Output.Select(o => o.Name), after.Output.Select(o => o.Name));
    }

    [Fact]
    public void AGraphWithoutTheMergedShapeIsLeftAsItIs()
    {
        var withPast = Path.Combine(models.Separate, T5ModelFolder.DecoderWithPast);

        Assert.Null(MergedDecoderRewrite.WithoutCrossCacheCopy(withPast, out var replaced));
        Assert.Equal(0, replaced);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheRewrittenMergedDecoderGeneratesWhatTheSeparateDecodersDo(bool sampled)
    {
        // models.All holds both layouts with the same weights; the merged one loads through the rewrite.
        using var merged = T5OnnxModel.Load(models.All, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: true);
        using var separate = T5OnnxModel.Load(models.All, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: false);
        var inputs = ShortPassages.All.Select(t => merged.Tokenizer.EncodeForModel(t, 300)).ToList();
        var options = new GenerationOptions { Greedy = !sampled, TopP = 0.95, QueriesPerPassage = 3, MaxNewTokens = 16 };

        var fromMerged = new T5Seq2SeqGenerator(merged).Generate(inputs, options, new Random(4), default);
        var fromSeparate = new T5Seq2SeqGenerator(separate).Generate(inputs, options, new Random(4), default);

        Assert.Equal("decoder_model_merged.onnx", merged.DecoderFiles);
        Assert.Equal(fromSeparate.Select(r => r.Tokens), fromMerged.Select(r => r.Tokens));
    }

    private static GraphProto CachedBranch(ModelProto model) =>
        model.Graph.Node.Single(n => n.OpType == "If").Attribute.Single(a => a.Name == "then_branch").G;
}
