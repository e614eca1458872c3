namespace GenQ.Contracts.Jobs;

/// <summary>Train the bi-encoder of a run on its stored pairs (published once generation is complete, or on request).</summary>
public sealed record TrainRunJob(string RunId, string Corpus) : IJob
{
    public static string MessageType => "genq.train-run";
    public static int Version => 1;
    public static string Queue => QueueNames.Train;
}
