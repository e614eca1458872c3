namespace GenQ.Contracts.Jobs;

/// <summary>A trained model version is ready in the model store and must be indexed and rolled out.</summary>
public sealed record ModelPublishedJob(string RunId, string Corpus, string ModelVersion, string ModelPath) : IJob
{
    public static string MessageType => "genq.model-published";
    public static int Version => 1;
    public static string Queue => QueueNames.ModelPublished;
}
