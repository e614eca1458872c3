namespace GenQ.Contracts.Jobs;

/// <summary>
/// Logical queue names; the Redis transport maps each to a stream key <c>genq:{queue}:stream</c>. The values are wire
/// names (stream keys in every deployment's Redis): a constant may be renamed, its value may not.
/// </summary>
public static class QueueNames
{
    /// <summary>Passage batches waiting for query generation (published by the search API, consumed by generator workers).</summary>
    public const string Generate = "generate";

    /// <summary>Generated (query, passage) pairs waiting to be stored for training (published by generator workers, consumed by the trainer worker).</summary>
    public const string TrainingPairs = "training-pairs";

    /// <summary>Runs whose pairs are complete and which wait to be trained (published by the trainer worker or the search API's train endpoint, consumed by the trainer worker).</summary>
    public const string Train = "train";

    /// <summary>
    /// Model versions waiting to be indexed and rolled out (published by the search API for the base model at upload and
    /// by the trainer worker for a trained one; consumed by the trainer worker's indexing). The stream keeps its earlier
    /// name, "model-published".
    /// </summary>
    public const string IndexModel = "model-published";

    /// <summary>Append runs whose passages wait to be indexed with the live model (published by the search API, consumed by the trainer worker).</summary>
    public const string Append = "append";
}
