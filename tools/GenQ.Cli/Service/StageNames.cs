using GenQ.Contracts.Runs;

namespace GenQ.Cli.Service;

/// <summary>The API's lowercase stage names (the same words GET /api/runs/{id} returns).</summary>
public static class StageNames
{
    public static string Of(RunStage stage) => stage switch
    {
        RunStage.Ingesting => "ingesting",
        RunStage.Generating => "generating",
        RunStage.WaitingForTrainer => "waiting-for-trainer",
        RunStage.Training => "training",
        RunStage.Indexing => "indexing",
        RunStage.Ready => "ready",
        RunStage.Cancelled => "cancelled",
        _ => "failed",
    };

    /// <summary>The offline fallback generator names itself "fallback:..." in the run status.</summary>
    public static bool IsFallbackGenerator(string? generator) =>
        generator?.StartsWith("fallback", StringComparison.OrdinalIgnoreCase) == true;
}
