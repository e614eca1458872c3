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
    public NoDuplicatesBatchSampler(IReadOnlyList<string[]> texts, int batchSize, int seed, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _texts = texts;
        BatchSize = batchSize;
        Seed = seed;
        DropLast = dropLast;
    }

    public int BatchSize { get; }

    public int Seed { get; }

    public bool DropLast { get; }

    /// <summary>The batches (sample indices) of one epoch, shuffled with seed + epoch.</summary>
    public IReadOnlyList<int[]> GetBatches(int epoch)
    {
        var order = Enumerable.Range(0, _texts.Count).ToArray();
        new Random(unchecked(Seed + epoch)).Shuffle(order);
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

        return batches;
    }
}
