using GenQ.Contracts.Jobs;
using GenQ.Embeddings;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid.Tuning;
using GenQ.Runs;

namespace GenQ.Evaluation.Hybrid;

/// <summary>
/// Label-free fusion tuning end to end, for the CLI and the trainer worker alike: the tuning corpus
/// (<see cref="FusionTuningCorpus"/>), its embeddings with <paramref name="encoder"/> (reusing the caller's corpus
/// vectors where the text did not change), a BM25 index of it, each held-out query's dense and BM25 candidates, and
/// <see cref="FusionTuner"/>. Held-out queries that copy their own passage are left out by default
/// (<see cref="HybridTuningOptions.ExcludeCopies"/>).
/// </summary>
public static class HybridTuning
{
    /// <param name="corpus">The corpus as it is indexed for search.</param>
    /// <param name="heldOut">Held-out generated pairs (never trained on), with their positive texts where the generator set them.</param>
    /// <param name="corpusVectors">Embeddings of <paramref name="corpus"/> by <paramref name="encoder"/>, in corpus order, when the caller has them.</param>
    public static async Task<FusionTuningResult> TuneAsync(
        IReadOnlyList<PassageRecord> corpus, IReadOnlyList<QueryPassagePair> heldOut, ISentenceEncoder encoder,
        HybridTuningOptions? options = null, float[][]? corpusVectors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(encoder);
        options ??= new HybridTuningOptions();
        if (corpusVectors is not null && corpusVectors.Length != corpus.Count)
        {
            throw new ArgumentException($"{corpusVectors.Length} corpus vectors for {corpus.Count} passages.", nameof(corpusVectors));
        }

        var tuning = FusionTuningCorpus.Build(corpus, heldOut, options.SwapPositives);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var passage in tuning.Passages)
        {
            texts.TryAdd(passage.Id, PassageText.Compose(passage));
        }

        var known = FusionTuningCorpus.Queries(heldOut.Where(p => texts.ContainsKey(p.PassageId)));
        var queries = options.ExcludeCopies ? known.Where(q => !VerbatimQueries.IsCopy(q.Query, texts[q.PassageId])).ToList() : known;
        var vectors = await EmbedAsync(tuning, encoder, corpusVectors, cancellationToken).ConfigureAwait(false);

        var dense = new DenseRetriever(tuning.Passages.Select(p => p.Id).ToList(), vectors, options.CandidateDepth);
        using var bm25 = new Bm25Retriever(tuning.Passages, options.Bm25 with { Depth = options.CandidateDepth });
        var queryVectors = await encoder.EncodeAsync(queries.Select(q => q.Query).ToList(), cancellationToken).ConfigureAwait(false);
        var prepared = new List<TuningQuery>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            prepared.Add(new TuningQuery(
                queries[i].PassageId,
                HybridEvaluator.ToCandidates(dense.Search(queryVectors[i])),
                HybridEvaluator.ToCandidates(bm25.Search(queries[i].Query))));
        }

        return FusionTuner.Tune(prepared, options.Tuner) with { ExcludedCopies = known.Count - queries.Count };
    }

    private static async Task<float[][]> EmbedAsync(TuningCorpus tuning, ISentenceEncoder encoder, float[][]? corpusVectors, CancellationToken cancellationToken)
    {
        if (corpusVectors is null)
        {
            return await DenseRetriever.EncodeCorpusAsync(encoder, tuning.Passages, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var vectors = (float[][])corpusVectors.Clone();
        var swapped = Enumerable.Range(0, tuning.Passages.Count).Where(i => tuning.SwappedIds.Contains(tuning.Passages[i].Id)).ToList();
        if (swapped.Count > 0)
        {
            var embedded = await DenseRetriever.EncodeCorpusAsync(
                encoder, swapped.Select(i => tuning.Passages[i]).ToList(), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < swapped.Count; j++)
            {
                vectors[swapped[j]] = embedded[j];
            }
        }

        return vectors;
    }
}
