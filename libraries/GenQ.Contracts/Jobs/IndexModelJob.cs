namespace GenQ.Contracts.Jobs;

/// <summary>
/// Index the corpus of <see cref="RunId"/> with a model version that is ready in the model store, and roll it out when
/// it may go live (the trainer worker's IndexModelHandler). <see cref="IsBaseModel"/> marks the zero-shot base model the
/// search API asks for at upload, so search works before training ends; a trained version is asked for by the trainer.
/// </summary>
/// <remarks>
/// Named after what its consumer does. The wire names keep the earlier event name ("a model was published"): messages
/// already queued, and workers of the previous release, read <see cref="MessageType"/> and the stream key.
/// </remarks>
public sealed record IndexModelJob(string RunId, string Corpus, string ModelVersion, string ModelPath, bool IsBaseModel) : IJob
{
    public static string MessageType => "genq.model-published";
    public static int Version => 1;
    public static string Queue => QueueNames.IndexModel;
}
