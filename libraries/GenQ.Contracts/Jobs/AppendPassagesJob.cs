namespace GenQ.Contracts.Jobs;

/// <summary>
/// Index the passages of an append run (only those) with the corpus' live model version, into the live version and
/// every other ready version of it, so they are searchable without a retraining (the trainer worker's AppendIndexHandler).
/// </summary>
public sealed record AppendPassagesJob(string RunId, string Corpus) : IJob
{
    public static string MessageType => "genq.append-passages";
    public static int Version => 1;
    public static string Queue => QueueNames.Append;
}
