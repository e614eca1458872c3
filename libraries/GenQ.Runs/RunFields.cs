namespace GenQ.Runs;

/// <summary>Field names of the run hash.</summary>
internal static class RunFields
{
    public const string Corpus = "corpus";
    public const string Stage = "stage";
    public const string PassageCount = "passages";
    public const string BatchCount = "batches";
    public const string BatchesGenerated = "batches_generated";
    public const string PairsStored = "pairs_stored";
    public const string Generator = "generator";
    public const string ModelVersion = "model_version";
    public const string Error = "error";
    public const string Progress = "progress";
    public const string Detail = "detail";
    public const string Hybrid = "hybrid";
    public const string Promotion = "promotion";
    public const string Training = "training";
    public const string Owner = "owner";
    public const string HeartbeatAt = "heartbeat_at";
    public const string LeaseUntil = "lease_until";
    public const string ResumedFromStep = "resumed_from_step";
    public const string Mode = "mode";
    public const string BaseRun = "base_run";
    public const string Retrain = "retrain";
    public const string Append = "append";
    public const string AppendNote = "append_note";
    public const string TrainingContent = "training_content";
    public const string CreatedAt = "created_at";
    public const string UpdatedAt = "updated_at";
}
