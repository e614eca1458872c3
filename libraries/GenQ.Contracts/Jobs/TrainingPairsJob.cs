namespace GenQ.Contracts.Jobs;

/// <summary>
/// The pairs generated for one passage batch. <see cref="BatchNumber"/> identifies the batch within its run,
/// so storing the same batch twice (a redelivery) overwrites instead of duplicating.
/// </summary>
public sealed record TrainingPairsJob(
    string RunId,
    string Corpus,
    int BatchNumber,
    int BatchCount,
    string Generator,
    int PassageCount,
    int DroppedQueries,
    IReadOnlyList<QueryPassagePair> Pairs) : IJob
{
    public static string MessageType => "genq.training-pairs";
    public static int Version => 1;
    public static string Queue => QueueNames.TrainingPairs;
}
