namespace GenQ.Training.Sampling;

/// <summary>
/// Batches with no repeated text (sentence-transformers' NoDuplicatesBatchSampler): a sample whose query, passage or
/// hard negative already appears in the batch waits for a later batch, so an in-batch "negative" is never secretly a
/// positive. The order is a pure function of (seed, epoch), which is what makes resuming from a checkpoint exact.
/// </summary>
public sealed class NoDuplicatesBatchSampler
{
    private readonly IReadOnlyList<string[]> _texts;

    /// <param name="texts">For each sample, the texts that must be unique within a batch (query, passage, hard negative).</param>
    /// <param name="bucketLengths">Optional length of each sample (e.g. passage characters): when given, the shuffled
    /// order is sorted by length within windows of 32 batches and the batches are shuffled again, so each batch holds
    /// texts of similar length (less padding) while the epoch stays random.</param>
    public NoDuplicatesBatchSampler(IReadOnlyList<string[]> texts, int batchSize, int seed, bool dropLast = false, IReadOnlyList<int>? bucketLengths = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _texts = texts;
        BatchSize = batchSize;
        Seed = seed;
        DropLast = dropLast;
        if (bucketLengths is not null && bucketLengths.Count != texts.Count)
        {
            throw new ArgumentException("bucketLengths must have one entry per sample.", nameof(bucketLengths));
        }

        _bucketLengths = bucketLengths;
    }

    private readonly IReadOnlyList<int>? _bucketLengths;

    public int BatchSize { get; }

    public int Seed { get; }

    public bool DropLast { get; }

    /// <summary>The batches (sample indices) of one epoch, shuffled with seed + epoch.</summary>
    public IReadOnlyList<int[]> GetBatches(int epoch)
    {
        var order = Enumerable.Range(0, _texts.Count).ToArray();
        var random = new Random(unchecked(Seed + epoch));
        random.Shuffle(order);
        if (_bucketLengths is { } lengths)
        {
            order = order.Chunk(BatchSize * 32).SelectMany(w => w.OrderByDescending(i => lengths[i])).ToArray();
        }

        var remaining = new LinkedList<int>(order);
        var batches = new List<int[]>();
        while (remaining.Count > 0)
        {
            var values = new HashSet<string>(StringComparer.Ordinal);
            var batch = new List<LinkedListNode<int>>(BatchSize);
            for (var node = remaining.First; node is not null && batch.Count < BatchSize; node = node.Next)
            {
                var sample = _texts[node.Value];
                if (sample.Any(values.Contains))
                {
                    continue;
                }

                batch.Add(node);
                values.UnionWith(sample);
            }

            foreach (var node in batch)
            {
                remaining.Remove(node);
            }

            if (batch.Count == BatchSize || !DropLast)
            {
                batches.Add(batch.Select(n => n.Value).ToArray());
            }
        }

        if (_bucketLengths is not null)
        {
            var shuffled = batches.ToArray();
            random.Shuffle(shuffled);
            return shuffled;
        }

        return batches;
    }
}
