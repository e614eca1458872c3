namespace GenQ.SearchApi.Ingestion;

/// <summary>Settings of document upload, bound from the <c>IngestOptions</c> section.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "IngestOptions";

    /// <summary>Passages per generation job: the unit a generator worker takes from the queue.</summary>
    public int PassagesPerBatch { get; set; } = 32;

    /// <summary>Largest accepted upload; a larger body gets 413.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Documents longer than this many words are split into passages (the encoders read 256 tokens at most).</summary>
    public int MaxPassageWords { get; set; } = 200;

    /// <summary>Longest accepted line of an upload; a longer one is rejected with its line number.</summary>
    public int MaxLineBytes { get; set; } = 1 << 20;

    /// <summary>
    /// Fewest passages a corpus needs for a training run to be queued. The trainer's floor (GenQ.Training's
    /// TrainingData) is 2 distinct passages: MultipleNegativesRankingLoss needs an in-batch negative. A smaller
    /// corpus is indexed with the base model and the upload's answer says training was not queued.
    /// </summary>
    public int MinPassagesForTraining { get; set; } = 2;

    /// <summary>
    /// Passages appended (uploads with <c>mode=append</c>) since the last retraining that make the next append retrain
    /// the whole corpus, on its old and new pairs, once that append's queries are generated. Until then appended passages
    /// are served by the live model (indexed with it at once). At least 1.
    /// </summary>
    public int RetrainAfterNewPassages { get; set; } = 100;
}
