using GenQ.Contracts.Runs;

namespace GenQ.WebApp.Display;

/// <summary>A run's stages in pipeline order, with the words the pages show for them.</summary>
public static class StageNames
{
    public static readonly IReadOnlyList<RunStage> Pipeline = [RunStage.Ingesting, RunStage.Generating, RunStage.WaitingForTrainer, RunStage.Training, RunStage.Indexing, RunStage.Ready];

    public static string Of(RunStage stage) => stage switch
    {
        RunStage.Ingesting => "ingesting passages",
        RunStage.Generating => "generating synthetic queries",
        RunStage.WaitingForTrainer => "waiting for the trainer (it trains one run at a time)",
        RunStage.Training => "fine-tuning the bi-encoder",
        RunStage.Indexing => "indexing with the adapted model",
        RunStage.Ready => "ready",
        RunStage.Failed => "failed",
        RunStage.Cancelled => "cancelled",
        _ => stage.ToString().ToLowerInvariant(),
    };

    public static bool IsFinished(RunStage stage) => stage is RunStage.Ready or RunStage.Failed or RunStage.Cancelled;

    /// <summary>The API's word for a stage (e.g. <c>waiting-for-trainer</c>), used in CSS classes and test hooks.</summary>
    public static string Slug(RunStage stage) => stage switch
    {
        RunStage.WaitingForTrainer => "waiting-for-trainer",
        _ => stage.ToString().ToLowerInvariant(),
    };
}
