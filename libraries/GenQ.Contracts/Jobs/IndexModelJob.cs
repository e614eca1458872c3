namespace GenQ.Contracts.Jobs;

/// <summary>
/// Index the corpus of <see cref="RunId"/> with a model version that is ready in the model store, and roll it out when
/// it may go live (the trainer worker's IndexModelHandler). <see cref="IsBaseModel"/> marks the zero-shot base model the
/// search API asks for at upload, so search works before training ends; a trained version is asked for by the trainer.
/// <see cref="ModelDigest"/> is the digest of the version's record in the model store (ModelStore:Kind=Redis): the
/// consumer fetches (corpus, version) from the store and checks it; <see cref="ModelPath"/> is then only where the
/// publisher had it. Null in the shared-folder mode (ModelStore:Kind=Local), where the path is read as it is.
/// </summary>
/// <remarks>
/// Named after what its consumer does. The wire names keep the earlier event name ("a model was published"): messages
/// already queued, and workers of the previous release, read <see cref="MessageType"/> and the stream key. Version 2
/// added <see cref="ModelDigest"/>: a version-1 message still queued at the upgrade is dead-lettered with the reason
/// (the queue's version check) rather than indexed from a path this replica may not have.
/// </remarks>
public sealed record IndexModelJob(string RunId, string Corpus, string ModelVersion, string ModelPath, bool IsBaseModel, string? ModelDigest = null) : IJob
{
    public static string MessageType => "genq.model-published";
    public static int Version => 2;
    public static string Queue => QueueNames.IndexModel;
}
