using GenQ.Lexical.Index;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;

namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Appending to a published version (an upload with <c>mode=append</c>): the points go into new segment files of the
/// published folder and into its Lucene index, then the manifest is rewritten with the new count and the next
/// <see cref="CollectionManifest.Revision"/>. Until that rewrite no search asks for the new revision, and a process that
/// loads the folder in between simply sees the new points early; every file is written whole (temp + rename), so no
/// reader sees a torn one. The other points' segments are not touched.
/// </summary>
public sealed partial class EmbeddedVectorIndex
{
    public async Task AppendAsync(string corpus, string modelVersion, IReadOnlyList<VectorPoint> points, CancellationToken cancellationToken = default)
    {
        IndexNames.ValidateCorpus(corpus);
        IndexNames.ValidateModelVersion(modelVersion);
        ArgumentNullException.ThrowIfNull(points);
        await using var _ = await _locks.AcquireAsync(corpus, cancellationToken).ConfigureAwait(false);

        var manifest = _catalog.ReadPublished(corpus, modelVersion);
        if (manifest is null)
        {
            if (_catalog.ReadBuilding(corpus, modelVersion) is not null)
            {
                throw new InvalidOperationException($"Version '{modelVersion}' of corpus '{corpus}' is still being built; upsert into it instead.");
            }

            throw new VectorIndexNotFoundException(corpus, modelVersion, $"Corpus '{corpus}' has no published version '{modelVersion}'.");
        }

        VectorChecks.ValidatePoints(points, manifest.Dimensions);
        if (points.Count == 0)
        {
            return;
        }

        var directory = _layout.CollectionDirectory(corpus, modelVersion);
        var sequence = EmbeddedLayout.Segments(directory).Length;
        for (var start = 0; start < points.Count; start += _options.UpsertBatchSize)
        {
            var batch = Slice(points, start, Math.Min(_options.UpsertBatchSize, points.Count - start));
            await SegmentFile.WriteAsync(EmbeddedLayout.SegmentFile(directory, ++sequence), batch, manifest.Dimensions, cancellationToken).ConfigureAwait(false);
            VectorStoreMetrics.RecordUpsert(VectorIndexBackendKind.Embedded, corpus, batch.Count);
        }

        var count = await Task.Run(() => EmbeddedCollection.CountDistinct(directory, manifest.Dimensions), cancellationToken).ConfigureAwait(false);
        await Task.Run(() => AppendLexical(directory, manifest, points, count), cancellationToken).ConfigureAwait(false);
        if (_options.Hnsw.Enabled && count >= _options.Hnsw.MinPoints)
        {
            // The stored graph is tied to the old rows (its digest no longer matches): build it over the new rows.
            await BuildGraphAsync(directory, manifest, cancellationToken).ConfigureAwait(false);
        }

        // The commit point: from now on searches resolve the new revision and load the appended points.
        var appended = manifest with { PointCount = count, Revision = manifest.Revision + 1 };
        await EmbeddedCatalog.WriteManifestAsync(Path.Combine(directory, EmbeddedLayout.ManifestFile), appended, cancellationToken).ConfigureAwait(false);
        EvictOtherRevisions(appended);
        Log.VersionAppended(_logger, corpus, modelVersion, points.Count, count, appended.Revision);
    }

    // Readers of the earlier revision keep their open commit (Lucene's files stay readable while open); the count
    // check catches a crash between an earlier try's segment files and its lexical commit, which the retry repairs.
    private void AppendLexical(string directory, CollectionManifest manifest, IReadOnlyList<VectorPoint> points, long pointCount)
    {
        if (manifest.LexicalAnalyzer is null)
        {
            return; // a version built before lexical search existed stays vector-only
        }

        using var index = LuceneLexicalIndex.OpenWritable(EmbeddedLayout.LexicalDirectory(directory), LexicalOptions(manifest));
        index.AddOrReplace(points.Select(p => new LexicalDocument(p.PassageId, p.Title, p.Text)));
        index.Commit();
        if (index.DocumentCount != pointCount)
        {
            throw new InvalidDataException(
                $"Version '{manifest.ModelVersion}' of corpus '{manifest.Corpus}' has {pointCount} passages but its lexical index has " +
                $"{index.DocumentCount} after an append; append the passages again.");
        }
    }
}
