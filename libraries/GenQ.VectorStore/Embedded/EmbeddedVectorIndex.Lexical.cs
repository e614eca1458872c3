using GenQ.Lexical.Index;
using GenQ.VectorStore.Model;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Lexical side of the embedded index: each version's lexical/ folder holds a Lucene BM25 index of its passages. It is
/// created (empty, committed) with the build, committed after every upsert (under the corpus lock, so one writer at a
/// time), merged to one segment and checked against the vectors at publish, moved with the build by the same rename,
/// and then only opened read-only. A rebuilt version starts from an empty folder; deleting or pruning a version
/// removes the folder with it.
/// </summary>
public sealed partial class EmbeddedVectorIndex
{
    public async Task<VectorSearchResult> LexicalSearchAsync(LexicalSearchRequest request, CancellationToken cancellationToken = default)
    {
        VectorChecks.ValidateLexicalRequest(request);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var manifest = ResolveForSearch(request.Corpus, request.ModelVersion);
            try
            {
                var index = await Task.Run(() => OpenLexical(manifest), cancellationToken).ConfigureAwait(false);
                var hits = index.Search(request.QueryText, request.TopK, includeStoredText: true, storedTextLimit: request.TextTopK)
                    .Select(h => new VectorHit(h.Id, h.Title ?? string.Empty, h.Text ?? string.Empty, h.Score))
                    .ToArray();
                VectorStoreMetrics.RecordSearch(VectorIndexBackendKind.Embedded, request.Corpus, started);
                return new VectorSearchResult(request.Corpus, manifest.ModelVersion, CollectionName(request.Corpus, manifest.ModelVersion), hits);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or IOException && attempt < 3)
            {
                // The version was evicted or removed (alias switch, prune, delete) between resolving and searching it:
                // resolve again (the alias has moved on; a pinned search then reports the version as not found).
            }
        }
    }

    private LuceneLexicalIndex OpenLexical(CollectionManifest manifest)
    {
        if (manifest.LexicalAnalyzer is null)
        {
            throw new LexicalIndexUnavailableException(manifest.Corpus, manifest.ModelVersion);
        }

        if (manifest.Revision > 0)
        {
            EvictOtherRevisions(manifest); // an appended version: the reader of the older revision misses the new passages
        }

        var path = EmbeddedLayout.LexicalDirectory(_layout.CollectionDirectory(manifest.Corpus, manifest.ModelVersion));
        return _lexical.GetOrOpen(CacheKey(manifest), path, _options.Bm25Parameters);
    }

    // No merging during the build: each upsert adds one small segment, and publish merges them all once.
    private LexicalIndexOptions LexicalOptions(CollectionManifest manifest) =>
        new() { Analyzer = manifest.LexicalAnalyzer ?? _options.LexicalAnalyzer, Parameters = _options.Bm25Parameters, MergeWhileWriting = false };

    // An empty commit right away: a build always has a valid index, and the analyzer is recorded in it.
    private void CreateLexicalIndex(string buildDirectory, CollectionManifest manifest)
    {
        using var index = LuceneLexicalIndex.OpenWritable(EmbeddedLayout.LexicalDirectory(buildDirectory), LexicalOptions(manifest));
        index.Commit();
    }

    private void UpsertLexical(string buildDirectory, CollectionManifest manifest, IReadOnlyList<VectorPoint> points)
    {
        if (manifest.LexicalAnalyzer is null)
        {
            return; // a build begun before lexical search existed: it stays vector-only
        }

        using var index = LuceneLexicalIndex.OpenWritable(EmbeddedLayout.LexicalDirectory(buildDirectory), LexicalOptions(manifest));
        index.AddOrReplace(points.Select(p => new LexicalDocument(p.PassageId, p.Title, p.Text)));
        index.Commit();
    }

    // One segment makes searches of the now immutable index fastest; the count check catches a crash between an
    // upsert's segment files and its lexical commit.
    private void SealLexical(string buildDirectory, CollectionManifest manifest, long pointCount)
    {
        if (manifest.LexicalAnalyzer is null)
        {
            return;
        }

        var options = LexicalOptions(manifest) with { MergeWhileWriting = true }; // a merge policy that can force-merge
        using var index = LuceneLexicalIndex.OpenWritable(EmbeddedLayout.LexicalDirectory(buildDirectory), options);
        index.Optimize(maxSegments: 1);
        if (index.DocumentCount != pointCount)
        {
            throw new InvalidDataException(
                $"Version '{manifest.ModelVersion}' of corpus '{manifest.Corpus}' has {pointCount} passages but its lexical index has " +
                $"{index.DocumentCount}; upsert the passages again (or recreate the version) before publishing.");
        }
    }
}
