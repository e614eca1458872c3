namespace GenQ.Contracts.Jobs;

/// <summary>Logical queue names; the Redis transport maps each to a stream key <c>genq:{queue}:stream</c>.</summary>
public static class QueueNames
{
    /// <summary>Passage batches waiting for query generation (consumed by generator workers).</summary>
    public const string Generate = "generate";

    /// <summary>Generated (query, passage) pairs waiting to be stored for training (consumed by the trainer).</summary>
    public const string TrainingPairs = "training-pairs";

    /// <summary>Runs whose pairs are complete and which wait to be trained (consumed by the trainer).</summary>
    public const string Train = "train";

    /// <summary>Model versions waiting to be indexed and rolled out (consumed by the indexer).</summary>
    public const string ModelPublished = "model-published";
}
