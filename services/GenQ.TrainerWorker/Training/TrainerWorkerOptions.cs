namespace GenQ.TrainerWorker.Training;

/// <summary>Settings of the trainer worker itself, bound from the <c>TrainerWorkerOptions</c> section.</summary>
public sealed class TrainerWorkerOptions
{
    /// <summary>Passages encoded per call while indexing.</summary>
    public int IndexingBatchSize { get; set; } = 64;
}
