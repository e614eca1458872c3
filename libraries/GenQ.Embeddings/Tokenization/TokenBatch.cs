namespace GenQ.Embeddings.Tokenization;

/// <summary>
/// A padded batch of BERT inputs in row-major [batch, sequence] layout, ready for ONNX Runtime or TorchSharp.
/// Padding is dynamic: the sequence length is that of the longest text in the batch.
/// </summary>
public sealed class TokenBatch
{
    public TokenBatch(long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int batchSize, int sequenceLength)
    {
        var expected = (long)batchSize * sequenceLength;
        if (inputIds.Length != expected || attentionMask.Length != expected || tokenTypeIds.Length != expected)
        {
            throw new ArgumentException($"Token arrays must hold batchSize*sequenceLength = {expected} values.");
        }

        InputIds = inputIds;
        AttentionMask = attentionMask;
        TokenTypeIds = tokenTypeIds;
        BatchSize = batchSize;
        SequenceLength = sequenceLength;
    }

    public long[] InputIds { get; }

    public long[] AttentionMask { get; }

    public long[] TokenTypeIds { get; }

    public int BatchSize { get; }

    public int SequenceLength { get; }

    /// <summary>Shape of every array as ONNX/TorchSharp wants it.</summary>
    public long[] Shape => [BatchSize, SequenceLength];

    /// <summary>Number of real (non-padding) tokens in the batch.</summary>
    public long RealTokenCount
    {
        get
        {
            long count = 0;
            foreach (var m in AttentionMask)
            {
                count += m;
            }

            return count;
        }
    }
}
