using System.Runtime.InteropServices;
using GenQ.Embeddings.CrossEncoding;
using GenQ.Training.Export;
using GenQ.Training.Modeling;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace GenQ.Training.Tests;

/// <summary>
/// A tiny random cross-encoder shaped like Hugging Face's BertForSequenceClassification exported by Optimum: the
/// <see cref="TinyBert"/> encoder (written by <see cref="BertOnnxGraphWriter"/>) plus the pooler and classifier on
/// [CLS], logits = W2·tanh(W1·h_cls + b1) + b2, as the only output <c>logits</c> [batch, 1]. The same weights stay in
/// a TorchSharp <see cref="BertModel"/> and plain arrays, so tests compute the expected logit independently.
/// </summary>
public sealed class TinyCrossEncoder : IDisposable
{
    private readonly BertModel _bert;
    private readonly double[,] _w1; // (hidden out, hidden in), the pooler dense
    private readonly double[] _b1;
    private readonly double[] _w2;  // (hidden), the classifier's single row
    private readonly double _b2;

    private TinyCrossEncoder(string folder, int seed)
    {
        Folder = folder;
        random.manual_seed(seed);
        _bert = new BertModel(TinyBert.Config);
        _bert.eval();
        var h = TinyBert.Config.HiddenSize;
        var rng = new Random(seed);
        double Draw() => 0.4 * (rng.NextDouble() - 0.5);
        _w1 = new double[h, h];
        for (var o = 0; o < h; o++)
        {
            for (var i = 0; i < h; i++)
            {
                _w1[o, i] = Draw();
            }
        }

        _b1 = [.. Enumerable.Range(0, h).Select(_ => Draw())];
        _w2 = [.. Enumerable.Range(0, h).Select(_ => Draw())];
        _b2 = Draw();
    }

    public string Folder { get; }

    /// <summary>Writes model.onnx and vocab.txt (the <see cref="TinyBert.Words"/> vocabulary) into <paramref name="folder"/>.</summary>
    public static TinyCrossEncoder Create(string folder, int seed = 5)
    {
        Directory.CreateDirectory(folder);
        var encoder = new TinyCrossEncoder(folder, seed);
        var weights = encoder._bert.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().contiguous().data<float>().ToArray(), StringComparer.Ordinal);
        var model = BertOnnxGraphWriter.Build(TinyBert.Config, weights);
        encoder.AddClassifierHead(model.Graph);
        model.WriteToFile(Path.Combine(folder, OnnxCrossEncoder.ModelFileName));
        File.WriteAllLines(Path.Combine(folder, OnnxCrossEncoder.VocabFileName), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. TinyBert.Words]);
        return encoder;
    }

    /// <summary>Id of a word of <see cref="TinyBert.Words"/> in the vocabulary (after the 5 special tokens).</summary>
    public static int Id(string word) => Array.IndexOf(TinyBert.Words, word) is var i and >= 0 ? i + 5 : throw new ArgumentException(word);

    /// <summary>[CLS] query [SEP] passage [SEP] ids and token types 0…0 1…1, built from the word list by hand.</summary>
    public static (long[] Ids, long[] Types) Pair(string query, string passage)
    {
        long[] q = [2, .. query.Split(' ').Select(w => (long)Id(w)), 3];
        long[] p = [.. passage.Split(' ').Select(w => (long)Id(w)), 3];
        return ([.. q, .. p], [.. q.Select(_ => 0L), .. p.Select(_ => 1L)]);
    }

    /// <summary>The logit of one unpadded sequence: TorchSharp BERT for h_cls, then the head in doubles.</summary>
    public double ExpectedLogit(long[] ids, long[] types)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var features = new EncoderFeatures(
            tensor(ids, [1, ids.Length]),                          // (1, seq)
            ones([1, ids.Length], ScalarType.Int64),               // (1, seq)
            tensor(types, [1, types.Length]));                     // (1, seq)
        var hidden = _bert.forward(features).TokenEmbeddings!;     // (1, seq, hidden)
        var cls = hidden[0, 0].data<float>().ToArray();            // (hidden)
        var logit = _b2;
        for (var o = 0; o < cls.Length; o++)
        {
            var dense = _b1[o];
            for (var i = 0; i < cls.Length; i++)
            {
                dense += _w1[o, i] * cls[i];
            }

            logit += _w2[o] * Math.Tanh(dense);
        }

        return logit;
    }

    public void Dispose() => _bert.Dispose();

    /// <summary>Replaces the output last_hidden_state by Gather([CLS]) → MatMul+Add → Tanh → MatMul+Add = logits.</summary>
    private void AddClassifierHead(GraphProto graph)
    {
        var h = TinyBert.Config.HiddenSize;
        var w1T = new float[h * h]; // MatMul wants [in, out]
        for (var o = 0; o < h; o++)
        {
            for (var i = 0; i < h; i++)
            {
                w1T[(i * h) + o] = (float)_w1[o, i];
            }
        }

        Initializer(graph, "cls_index", TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(new long[] { 0 }.AsSpan()), []);
        Initializer(graph, "pooler.dense.weight_T", TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(w1T.AsSpan()), [h, h]);
        Initializer(graph, "pooler.dense.bias", TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(_b1.Select(x => (float)x).ToArray().AsSpan()), [h]);
        Initializer(graph, "classifier.weight_T", TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(_w2.Select(x => (float)x).ToArray().AsSpan()), [h, 1]);
        Initializer(graph, "classifier.bias", TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(new[] { (float)_b2 }.AsSpan()), [1]);
        var gather = new NodeProto { OpType = "Gather", Name = "cls", Input = { "last_hidden_state", "cls_index" }, Output = { "cls" } };
        gather.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(gather);                                                                                                   // (batch, hidden)
        graph.Node.Add(new NodeProto { OpType = "MatMul", Name = "pool_mm", Input = { "cls", "pooler.dense.weight_T" }, Output = { "pool_mm" } });
        graph.Node.Add(new NodeProto { OpType = "Add", Name = "pool_add", Input = { "pool_mm", "pooler.dense.bias" }, Output = { "pool_add" } });
        graph.Node.Add(new NodeProto { OpType = "Tanh", Name = "pooled", Input = { "pool_add" }, Output = { "pooled" } });       // (batch, hidden)
        graph.Node.Add(new NodeProto { OpType = "MatMul", Name = "cls_mm", Input = { "pooled", "classifier.weight_T" }, Output = { "cls_mm" } });
        graph.Node.Add(new NodeProto { OpType = "Add", Name = "logits", Input = { "cls_mm", "classifier.bias" }, Output = { "logits" } }); // (batch, 1)
        graph.Output.Clear();
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        graph.Output.Add(new ValueInfoProto
        {
            Name = "logits",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        });
    }

    private static void Initializer(GraphProto graph, string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> data, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.AddRange(dims);
        graph.Initializer.Add(tensor);
    }
}
