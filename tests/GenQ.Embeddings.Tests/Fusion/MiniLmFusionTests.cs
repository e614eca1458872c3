using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Inference.Fusion;
using GenQ.Embeddings.Models;
using GenQ.Embeddings.Tokenization;
using Onnx;

namespace GenQ.Embeddings.Tests.Fusion;

/// <summary>Fusion of the real all-MiniLM-L6-v2 graph: what is fused, and that the fused encoder gives the same embeddings.</summary>
public sealed class MiniLmFusionTests
{
    // Mixed lengths in one padded batch: the short texts have many padded positions, so a wrong mask would show.
    private static readonly string[] Texts =
    [
        "hi",
        "What is the boundary layer thickness at high Mach numbers?",
        "The experimental results on heat transfer to a flat plate in supersonic flow agree with the theory of " +
        "laminar boundary layers when the wall temperature is held constant, but deviate markedly downstream of " +
        "transition, where the turbulent layer thickens and the Stanton number rises by a factor of three or more.",
        "Zero-downtime rollout switches the alias atomically.",
        "ok ok ok",
        "Sentence embeddings: mean pooling over the attention mask, then L2 normalisation, give unit vectors for cosine search.",
        "a",
        "Numbers 1234 and punctuation!? also, unicode: café naïve résumé — dashes – and “quotes”.",
    ];

    [Fact]
    public void MiniLmFusesAllSixAttentionBlocksAndTwelveResidualLayerNorms()
    {
        var folder = BaseModelLocator.GetMiniLM();
        var fused = TransformerGraphFusion.FuseFile(folder.ModelPath, new TransformerFusionOptions { Attention = AttentionFusionKind.Attention, SkipLayerNormalization = true });
        var report = fused.Report;

        Assert.Equal(6, report.AttentionCandidates);
        Assert.Equal(6, report.AttentionFused);
        Assert.Equal(13, report.LayerNorms); // embeddings + 2 per layer, in PyTorch's opset-13 decomposition
        Assert.Equal(12, report.SkipLayerNormFused); // the embeddings' layer norm has no residual
        Assert.Empty(report.Unmatched);

        var ops = OpCounts(fused.Model);
        Assert.Equal(6, ops["Attention"]);
        Assert.Equal(12, ops["SkipLayerNormalization"]);
        Assert.False(ops.ContainsKey("Softmax"));
        Assert.Equal(6 * 3, ops["MatMul"]); // per layer: attention output, intermediate, output (Q/K/V live in Attention)
    }

    [Fact]
    public void DefaultFusionIsMultiHeadAttentionWithTheProjectionsKept()
    {
        var fused = TransformerGraphFusion.FuseFile(BaseModelLocator.GetMiniLM().ModelPath);

        Assert.Equal(6, fused.Report.AttentionFused);
        Assert.Equal(0, fused.Report.SkipLayerNormFused);
        var ops = OpCounts(fused.Model);
        Assert.Equal(6, ops["MultiHeadAttention"]);
        Assert.Equal(6 * 6, ops["MatMul"]); // Q, K, V, attention output, intermediate, output
        Assert.Equal(0, ops.GetValueOrDefault("Transpose") + ops.GetValueOrDefault("Softmax"));
        Assert.Contains(ModelProto.Parser.ParseFrom(fused.Model).OpsetImport, o => o.Domain == TransformerGraphFusion.MicrosoftDomain);
    }

    [Theory]
    [InlineData(AttentionFusionKind.Attention, true)]
    [InlineData(AttentionFusionKind.MultiHeadAttention, true)]
    public void EveryFusionVariantKeepsMiniLmHiddenStates(AttentionFusionKind attention, bool skipLayerNorm)
    {
        var folder = BaseModelLocator.GetMiniLM();
        var tokenizer = BertWordPieceTokenizer.Create(folder.VocabPath, folder.Manifest.LowerCase);
        var batch = tokenizer.Pad(Texts.Select(t => tokenizer.Encode(t, 256)).ToList());
        var fused = TransformerGraphFusion.FuseFile(folder.ModelPath, new TransformerFusionOptions { Attention = attention, SkipLayerNormalization = skipLayerNorm });

        var expected = HiddenStates.Run(File.ReadAllBytes(folder.ModelPath), batch.InputIds, batch.AttentionMask, batch.BatchSize, batch.SequenceLength);
        var actual = HiddenStates.Run(fused.Model, batch.InputIds, batch.AttentionMask, batch.BatchSize, batch.SequenceLength);
        Assert.True(HiddenStates.MaxDifferenceAtTokens(expected, actual, batch.AttentionMask, 384) < 1e-4);
    }

    [Fact]
    public void FusedEncoderMatchesTheExportedGraphOnOneMixedLengthBatch()
    {
        var folder = BaseModelLocator.GetMiniLM();
        var options = new OnnxSentenceEncoderOptions { BatchSize = Texts.Length, IntraOpThreads = 1, PreferCuda = false };
        using var plain = OnnxSentenceEncoder.Create(folder, options);
        using var fusedEncoder = OnnxSentenceEncoder.Create(folder, new OnnxSentenceEncoderOptions
        {
            BatchSize = Texts.Length, IntraOpThreads = 1, PreferCuda = false, FuseTransformerOps = true,
        });

        Assert.Null(plain.Fusion);
        Assert.Equal(6, fusedEncoder.Fusion?.AttentionFused);
        Assert.Equal(0, fusedEncoder.Fusion?.SkipLayerNormFused);

        var expected = plain.Encode(Texts);
        var actual = fusedEncoder.Encode(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            var cosine = expected[i].Zip(actual[i], (a, b) => (double)a * b).Sum();
            var maxAbs = expected[i].Zip(actual[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(cosine >= 0.99999, $"text {i}: cosine {cosine:F7}");
            Assert.True(maxAbs < 1e-5, $"text {i}: max |difference| {maxAbs:E2}");
        }

        // The same text alone (no padding) and inside the padded batch: the mask keeps padding out of the fused attention.
        var alone = fusedEncoder.Encode([Texts[0]])[0];
        Assert.True(alone.Zip(actual[0], (a, b) => Math.Abs(a - b)).Max() < 1e-5);
    }

    private static Dictionary<string, int> OpCounts(byte[] model)
        => ModelProto.Parser.ParseFrom(model).Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
}
