namespace GenQ.Contracts.Runs;

/// <summary>The state of one run as the API reports it.</summary>
/// <param name="BatchesGenerated">Passage batches whose generated pairs the trainer has stored.</param>
/// <param name="PairsStored">(query, passage) pairs durably stored for training.</param>
/// <param name="Progress">Fraction (0-1) of the current stage done, when the stage reports it.</param>
/// <param name="Detail">What the current stage is doing, e.g. "step 40/120, loss 0.31".</param>
public sealed record RunStatus(
    string RunId,
    string Corpus,
    RunStage Stage,
    int PassageCount,
    int BatchCount,
    int BatchesGenerated,
    long PairsStored,
    string? Generator,
    string? ModelVersion,
    string? Error,
    double? Progress,
    string? Detail,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>What the upload that started the run did to its corpus: replace (default) or append.</summary>
    public UploadMode Mode { get; init; }

    /// <summary>For an append run: what it added and how far the corpus is from its next retraining.</summary>
    public RunAppendReport? Append { get; init; }

    /// <summary>The label-free hybrid tuning of the run's model, once indexing has done it.</summary>
    public RunHybridReport? Hybrid { get; init; }

    /// <summary>The promotion gate's decision on the run's model, once indexing has made it.</summary>
    public PromotionReport? Promotion { get; init; }

    /// <summary>What the run's model is trained on and its budget, once training started.</summary>
    public RunTrainingReport? Training { get; init; }

    /// <summary>The process working on the run (its lease), while the trainer trains or indexes it.</summary>
    public string? Owner { get; init; }

    /// <summary>When <see cref="Owner"/> last said it is alive.</summary>
    public DateTimeOffset? HeartbeatAt { get; init; }

    /// <summary>
    /// True when the run is training or indexing but its owner stopped renewing its lease (it crashed or was stopped):
    /// <see cref="Detail"/> then says "trainer lost, resuming" instead of the dead owner's last progress, until a
    /// trainer takes the run over.
    /// </summary>
    public bool OwnerLost { get; init; }

    /// <summary>The checkpoint step the run's training went on from after its trainer was lost (null: not resumed).</summary>
    public int? ResumedFromStep { get; init; }
}
