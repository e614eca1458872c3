using GenQ.Embeddings.Inference.Fusion;
using Google.Protobuf;
using Onnx;

namespace GenQ.Embeddings.Tests.Fusion;

/// <summary>Fusion of the graph shape GenQ's own exporter writes, and graphs that must be left alone.</summary>
public sealed class ExportedGraphFusionTests
{
    public static TheoryData<AttentionFusionKind, bool> Variants => new()
    {
        { AttentionFusionKind.MultiHeadAttention, false },
        { AttentionFusionKind.Attention, false },
        { AttentionFusionKind.MultiHeadAttention, true },
        { AttentionFusionKind.Attention, true },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void ExporterShapedGraphFusesEveryLayerAndKeepsItsOutputs(AttentionFusionKind attention, bool skipLayerNorm)
    {
        var original = TinyExportedBert.Build().ToByteArray();
        var model = ModelProto.Parser.ParseFrom(original);
        var report = TransformerGraphFusion.Fuse(model, new TransformerFusionOptions { Attention = attention, SkipLayerNormalization = skipLayerNorm });

        Assert.Equal(TinyExportedBert.Layers, report.AttentionFused);
        Assert.Equal(skipLayerNorm ? 2 * TinyExportedBert.Layers : 0, report.SkipLayerNormFused);
        Assert.Empty(report.Unmatched);
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "Softmax");

        // Mixed lengths in one right-padded batch, so a mask that is wrong (or ignored) changes the hidden states.
        var (ids, mask, sequence) = HiddenStates.RandomBatch([1, 7, 3, 12, 5], TinyExportedBert.Vocab, seed: 3);
        var expected = HiddenStates.Run(original, ids, mask, 5, sequence);
        var actual = HiddenStates.Run(model.ToByteArray(), ids, mask, 5, sequence);
        Assert.True(HiddenStates.MaxDifferenceAtTokens(expected, actual, mask, TinyExportedBert.Hidden) < 1e-4);
    }

    [Fact]
    public void AttentionOverAnAdditiveMaskInputIsLeftAsExported()
    {
        var model = TinyExportedBert.Build(additiveMaskInput: true);
        var before = model.ToByteArray();
        var report = TransformerGraphFusion.Fuse(model);

        Assert.Equal(TinyExportedBert.Layers, report.AttentionCandidates);
        Assert.Equal(0, report.AttentionFused);
        Assert.False(report.Changed);
        Assert.All(report.Unmatched, u => Assert.Contains("mask", u, StringComparison.Ordinal));
        Assert.Equal(before, model.ToByteArray()); // not one byte touched
    }

    [Fact]
    public void OneLayerThatDoesNotMatchStaysUnfusedWhileTheOthersFuse()
    {
        var model = TinyExportedBert.Build();
        // Break layer 0's key path: a Transpose with another permutation is not self-attention as the matcher knows it.
        var keyTranspose = model.Graph.Node.First(n => n.OpType == "Transpose" && n.Attribute[0].Ints.SequenceEqual([0L, 2, 3, 1]));
        keyTranspose.Attribute[0].Ints.Clear();
        keyTranspose.Attribute[0].Ints.AddRange([0L, 2, 1, 3]);

        var report = TransformerGraphFusion.Fuse(model, new TransformerFusionOptions { SkipLayerNormalization = true });

        Assert.Equal(TinyExportedBert.Layers - 1, report.AttentionFused);
        Assert.Single(report.Unmatched);
        Assert.Contains("q, k or v", report.Unmatched[0], StringComparison.Ordinal);
        Assert.Single(model.Graph.Node, n => n.OpType == "Softmax"); // the unmatched layer keeps its own nodes
        Assert.Contains(model.Graph.Node, n => n.Name == keyTranspose.Name);
    }

    [Fact]
    public void AGraphWithoutTransformerLayersIsNotChanged()
    {
        var graph = new GraphProto { Name = "plain" };
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        graph.Output.Add(new ValueInfoProto { Name = "y", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        graph.Node.Add(new NodeProto { OpType = "Softmax", Name = "softmax", Input = { "x" }, Output = { "y" } });
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        var before = model.ToByteArray();

        var report = TransformerGraphFusion.Fuse(model, new TransformerFusionOptions { SkipLayerNormalization = true });

        Assert.False(report.Changed);
        Assert.Equal(1, report.AttentionCandidates);
        Assert.Equal(before, model.ToByteArray());
    }

    [Fact]
    public void AModelWithExternalDataIsNotChanged()
    {
        var model = TinyExportedBert.Build();
        model.Graph.Initializer[^1].DataLocation = TensorProto.Types.DataLocation.External;
        var before = model.ToByteArray();

        var report = TransformerGraphFusion.Fuse(model);

        Assert.False(report.Changed);
        Assert.Contains("external data", Assert.Single(report.Unmatched), StringComparison.Ordinal);
        Assert.Equal(before, model.ToByteArray());
    }
}
