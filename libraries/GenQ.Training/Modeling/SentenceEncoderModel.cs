using GenQ.Embeddings.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>
/// The trainable bi-encoder: <see cref="BertModel"/> → <see cref="MeanPooling"/> → <see cref="Normalize"/>, fed by the
/// same WordPiece tokenizer as the ONNX encoder. Checkpoints and exports use <see cref="Bert"/>'s state_dict (HF keys).
/// </summary>
public sealed class SentenceEncoderModel : nn.Module<EncoderFeatures, EncoderFeatures>
{
#pragma warning disable IDE1006
    private readonly BertModel bert;
    private readonly MeanPooling pooling;
    private readonly Normalize normalize;
#pragma warning restore IDE1006

    public SentenceEncoderModel(BertConfig config, BertWordPieceTokenizer tokenizer) : base(nameof(SentenceEncoderModel))
    {
        bert = new BertModel(config);
        pooling = new MeanPooling();
        normalize = new Normalize();
        Tokenizer = tokenizer;
        RegisterComponents();
    }

    public BertModel Bert => bert;

    public BertWordPieceTokenizer Tokenizer { get; }

    public override EncoderFeatures forward(EncoderFeatures features)
    {
        var withTokens = bert.forward(features);
        var pooled = pooling.forward(withTokens);
        withTokens.TokenEmbeddings!.Dispose();
        var normalized = normalize.forward(pooled);
        pooled.SentenceEmbedding!.Dispose();
        return normalized;
    }

    /// <summary>Tokenizes and pads <paramref name="texts"/> into tensors on <paramref name="device"/>.</summary>
    public EncoderFeatures Tokenize(IReadOnlyList<string> texts, int maxLength, Device? device = null)
    {
        var batch = Tokenizer.EncodeBatch(texts, maxLength);
        return ToFeatures(batch, device);
    }

    public static EncoderFeatures ToFeatures(TokenBatch batch, Device? device = null)
    {
        var shape = batch.Shape;
        return new EncoderFeatures(
            tensor(batch.InputIds, shape, device: device),       // (batch, seq)
            tensor(batch.AttentionMask, shape, device: device),  // (batch, seq)
            tensor(batch.TokenTypeIds, shape, device: device));  // (batch, seq)
    }

    /// <summary>
    /// Sentence embeddings for <paramref name="texts"/>, without gradients; batches of similar length (as the ONNX
    /// encoder does) keep padding small.
    /// </summary>
    public float[][] Encode(IReadOnlyList<string> texts, int maxLength = 256, int batchSize = 16)
    {
        var wasTraining = training;
        eval();
        try
        {
            using var noGrad = inference_mode();
            var device = bert.parameters().First().device;
            var encoded = texts.Select(t => Tokenizer.Encode(t, maxLength)).ToArray();
            var order = Enumerable.Range(0, texts.Count).OrderByDescending(i => encoded[i].Length).ToArray();
            var result = new float[texts.Count][];
            foreach (var chunk in order.Chunk(batchSize))
            {
                using var scope = NewDisposeScope();
                var features = ToFeatures(Tokenizer.Pad(chunk.Select(i => encoded[i]).ToArray()), device);
                var output = forward(features).SentenceEmbedding!.cpu(); // (chunk, hidden)
                var dim = (int)output.shape[1];
                var flat = output.data<float>().ToArray();
                for (var j = 0; j < chunk.Length; j++)
                {
                    result[chunk[j]] = flat.AsSpan(j * dim, dim).ToArray();
                }
            }

            return result;
        }
        finally
        {
            train(wasTraining);
        }
    }
}
