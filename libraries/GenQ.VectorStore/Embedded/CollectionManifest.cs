namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Metadata of one embedded collection (build.json while building, manifest.json once published).
/// <see cref="BuildId"/> changes when a version is rebuilt, so caches never confuse two builds of one version.
/// <see cref="LexicalAnalyzer"/> is the analysis of the version's lexical/ Lucene index; null for versions built before
/// lexical search existed (they have none). <see cref="Revision"/> counts appends to the published version
/// (<c>IVectorIndex.AppendAsync</c>): a loaded copy is cached per revision, so every process reloads an appended version.
/// </summary>
internal sealed record CollectionManifest(
    int Format,
    string Corpus,
    string ModelVersion,
    string BuildId,
    int Dimensions,
    long PointCount,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? PublishedUtc,
    GenQ.Lexical.Analysis.LexicalAnalyzerKind? LexicalAnalyzer = null,
    int Revision = 0)
{
    public const int CurrentFormat = 1;
}
