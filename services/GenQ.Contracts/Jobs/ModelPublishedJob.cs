namespace GenQ.Contracts.Jobs;

/// <summary>
/// A model version is ready in the model store and the corpus of <see cref="RunId"/> must be indexed with it and rolled
/// out. <see cref="IsBaseModel"/> marks the zero-shot base model indexed at ingest, so search works before training ends.
/// </summary>
public sealed record ModelPublishedJob(string RunId, string Corpus, string ModelVersion, string ModelPath, bool IsBaseModel) : IJob
{
    public static string MessageType => "genq.model-published";
    public static int Version => 1;
    public static string Queue => QueueNames.ModelPublished;
}
