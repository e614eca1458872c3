using GenQ.Lexical;
using GenQ.VectorStore.Model;

namespace GenQ.VectorStore;

/// <summary>
/// A vector index with one collection per (corpus, model version) and one alias per corpus.
/// <para>
/// Indexer (trainer worker): <see cref="CreateVersionAsync"/>, then <see cref="UpsertAsync"/> in batches, then
/// <see cref="PublishVersionAsync"/> (seals the collection and switches the alias to it atomically), then
/// <see cref="PruneVersionsAsync"/> (drops versions older than the previous one).
/// </para>
/// <para>
/// Every collection also holds a lexical (BM25) index of the same passages, built by the same upserts, sealed by the
/// same publish and deleted or pruned with it: <see cref="LexicalSearchAsync"/>.
/// </para>
/// <para>
/// Search API: <see cref="GetLiveVersionAsync"/> (pick the encoder), <see cref="SearchAsync"/> pinned to that version,
/// <see cref="ListVersionsAsync"/>, <see cref="CountAsync"/>, <see cref="ListCorporaAsync"/>. A collection is visible through the alias only once it is completely built.
/// </para>
/// Invalid names or vectors throw <see cref="ArgumentException"/>; an unknown corpus or version throws
/// <see cref="VectorIndexNotFoundException"/>; a call that does not fit the version's state throws
/// <see cref="InvalidOperationException"/>.
/// </summary>
public interface IVectorIndex
{
    /// <summary>Which backend this is, where it lives and why it was chosen.</summary>
    VectorIndexBackendInfo Backend { get; }

    /// <summary>
    /// Creates an empty collection for (<paramref name="corpus"/>, <paramref name="modelVersion"/>) with cosine distance.
    /// An unfinished build of the same version is discarded and started again; a published version cannot be rebuilt
    /// (delete it first, or use a new model version).
    /// </summary>
    Task<IndexVersionInfo> CreateVersionAsync(string corpus, string modelVersion, int dimensions, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="CreateVersionAsync(string, string, int, CancellationToken)"/>, with the corpus statistics the lexical
    /// index needs up front: Qdrant's BM25 document weights use <see cref="LexicalCorpusStatistics.AverageDocumentLength"/>
    /// (compute it with <see cref="LexicalCorpusStatistics.Compute"/> over title + " " + text of every passage). The
    /// embedded backend counts lengths itself and only checks the analyzer. Null (or the overload without it) uses
    /// <see cref="VectorStoreOptions.LexicalAverageDocumentLength"/>. The statistics' analyzer must be
    /// <see cref="VectorStoreOptions.LexicalAnalyzer"/> (queries are analysed with it), otherwise <see cref="ArgumentException"/>.
    /// </summary>
    Task<IndexVersionInfo> CreateVersionAsync(string corpus, string modelVersion, int dimensions, LexicalCorpusStatistics? lexical,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or replaces points (same passage id = same point) in a version that is still building. Large lists are
    /// sent in batches of <see cref="VectorStoreOptions.UpsertBatchSize"/>.
    /// </summary>
    Task UpsertAsync(string corpus, string modelVersion, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or replaces points (same passage id = same point) in a version that is already published (Ready, live or
    /// not), dense and lexical side together: appended passages become searchable in that version without rebuilding it
    /// and without touching the vectors of its other points. Searches in flight finish on what they started on; the next
    /// search (in any process) sees the appended points. A version still building takes <see cref="UpsertAsync"/> instead
    /// (<see cref="InvalidOperationException"/>); an unknown version throws <see cref="VectorIndexNotFoundException"/>.
    /// An append that dies half-way is repaired by appending the same points again.
    /// </summary>
    Task AppendAsync(string corpus, string modelVersion, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default);

    /// <summary>
    /// Seals a building version and atomically points the corpus alias at it; the version that was live becomes the
    /// previous one. Searches in flight finish on whichever version they started on.
    /// </summary>
    Task<AliasSwitchResult> PublishVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Seals a building version; with <paramref name="activate"/> also switches the alias to it (as the overload without
    /// it does). Without, the version becomes Ready (listed, searchable when pinned, a target of
    /// <see cref="ActivateVersionAsync"/>) while the alias stays where it is: a candidate the promotion gate kept. Then the
    /// corpus must already have a live version (<see cref="InvalidOperationException"/> otherwise) and the result
    /// describes the unchanged alias. Sealing an already published version again changes nothing.
    /// </summary>
    Task<AliasSwitchResult> PublishVersionAsync(string corpus, string modelVersion, bool activate, CancellationToken cancellationToken = default);

    /// <summary>Points the alias at an already published version (rollback), atomically.</summary>
    Task<AliasSwitchResult> ActivateVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes published versions except the live one, the previous one, the newest
    /// <see cref="VectorStoreOptions.KeepVersions"/> (by creation time; a kept candidate survives until an operator
    /// decides) and the newest whose name starts with <see cref="VectorStoreOptions.BaselineVersionPrefix"/> (the
    /// zero-shot baseline evaluation compares with). Versions still building are left alone. Returns the versions removed.
    /// </summary>
    Task<IReadOnlyList<string>> PruneVersionsAsync(string corpus, CancellationToken cancellationToken = default);

    /// <summary>Deletes one version (e.g. an abandoned build). The live version cannot be deleted.</summary>
    Task DeleteVersionAsync(string corpus, string modelVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every version of a corpus (live, previous, kept and building) and its alias: searches on it then find no
    /// corpus. Returns the versions removed (empty when the corpus had none).
    /// </summary>
    Task<IReadOnlyList<string>> DeleteCorpusAsync(string corpus, CancellationToken cancellationToken = default);

    /// <summary>Top-k cosine search in the live version of a corpus, or in the version the request pins.</summary>
    Task<VectorSearchResult> SearchAsync(VectorSearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Top-k BM25 search (analysed query terms OR-ed) in the lexical index of the live version, or of the version the
    /// request pins. Same validation and not-found behaviour as <see cref="SearchAsync"/>; an empty query text is an
    /// <see cref="ArgumentException"/>. Hits carry the BM25 score.
    /// </summary>
    Task<VectorSearchResult> LexicalSearchAsync(LexicalSearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every version of a corpus (building and ready) with its state and point count; empty when none.</summary>
    Task<IReadOnlyList<IndexVersionInfo>> ListVersionsAsync(string corpus, CancellationToken cancellationToken = default);

    /// <summary>
    /// The live model version of a corpus, or null when it has none. Cheap (the search API calls it per request to pick
    /// the encoder, then pins <see cref="VectorSearchRequest.ModelVersion"/> to it).
    /// </summary>
    Task<string?> GetLiveVersionAsync(string corpus, CancellationToken cancellationToken = default);

    /// <summary>Corpora that have a live version, sorted by name.</summary>
    Task<IReadOnlyList<string>> ListCorporaAsync(CancellationToken cancellationToken = default);

    /// <summary>Points in the live version, or in <paramref name="modelVersion"/> when given.</summary>
    Task<long> CountAsync(string corpus, string? modelVersion = null, CancellationToken cancellationToken = default);
}
