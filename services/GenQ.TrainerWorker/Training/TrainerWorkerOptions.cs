using GenQ.Hybrid.Tuning;

namespace GenQ.TrainerWorker.Training;

/// <summary>Settings of the trainer worker itself, bound from the <c>TrainerWorkerOptions</c> section.</summary>
public sealed class TrainerWorkerOptions
{
    public const string SectionName = "TrainerWorkerOptions";

    /// <summary>Passages encoded per call while indexing.</summary>
    public int IndexingBatchSize { get; set; } = 64;

    /// <summary>
    /// Share of a run's generated pairs kept out of training, to tune hybrid search on afterwards (label-free). The
    /// split is a stable hash of each pair, so training and indexing (and a retry) hold out the same pairs.
    /// </summary>
    public double HoldOutFraction { get; set; } = HoldOut.DefaultFraction;

    /// <summary>At most this many pairs are held out (tuning cost grows with it; a few hundred queries decide well).</summary>
    public int HoldOutMax { get; set; } = HoldOut.DefaultMax;
}
