namespace GenQ.VectorStore.Model;

/// <summary>What the index knows about one (corpus, model version) collection.</summary>
/// <param name="Corpus">Corpus name.</param>
/// <param name="ModelVersion">Model version the vectors were made with.</param>
/// <param name="Collection">Backend collection name.</param>
/// <param name="State">Building or ready.</param>
/// <param name="Dimensions">Vector size.</param>
/// <param name="PointCount">Points stored (distinct passage ids).</param>
/// <param name="IsLive">The corpus alias points here.</param>
/// <param name="IsPrevious">The version the alias pointed to before the last switch (kept for rollback).</param>
/// <param name="CreatedUtc">When the version was created (null for Qdrant collections made before this was recorded).</param>
public sealed record IndexVersionInfo(
    string Corpus,
    string ModelVersion,
    string Collection,
    IndexVersionState State,
    int Dimensions,
    long PointCount,
    bool IsLive,
    bool IsPrevious,
    DateTimeOffset? CreatedUtc = null);
