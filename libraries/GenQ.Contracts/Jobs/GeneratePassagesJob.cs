namespace GenQ.Contracts.Jobs;

/// <summary>A batch of passages of one run for which synthetic queries must be generated.</summary>
public sealed record GeneratePassagesJob(
    string RunId,
    string Corpus,
    int BatchNumber,
    int BatchCount,
    IReadOnlyList<PassageRecord> Passages) : IJob
{
    public static string MessageType => "genq.generate-passages";
    public static int Version => 1;
    public static string Queue => QueueNames.Generate;
}
