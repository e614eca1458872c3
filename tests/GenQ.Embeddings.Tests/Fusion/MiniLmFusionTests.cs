using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Inference.Fusion;
using GenQ.Embeddings.Models;
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
        var fused = TransformerGraphFusion.FuseFile(folder.ModelPath);
        var report = fused.Report;

        Assert.Equal(6, report.AttentionCandidates);
        Assert.Equal(6, report.AttentionFused);
        Assert.Equal(13, report.LayerNorms); // embeddings + 2 per layer
        Assert.Equal(12, report.SkipLayerNormFused); // the embeddings' layer norm has no residual
        Assert.Empty(report.Unmatched);
        Assert.True(report.NodesAfter < report.NodesBefore / 2, report.ToString());

        var model = ModelProto.Parser.ParseFrom(fused.Model);
        var ops = model.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, ops["Attention"]);
        Assert.Equal(12, ops["SkipLayerNormalization"]);
        Assert.False(ops.ContainsKey("Softmax"));
        Assert.Equal(6 * 3, ops["MatMul"]); // per layer: attention output, intermediate, output (Q/K/V live in Attention)
        Assert.Contains(model.OpsetImport, o => o.Domain == TransformerGraphFusion.MicrosoftDomain);
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
        Assert.Equal(12, fusedEncoder.Fusion?.SkipLayerNormFused);

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
}
