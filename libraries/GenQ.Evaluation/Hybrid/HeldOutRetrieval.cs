using GenQ.Contracts.Jobs;
using GenQ.Embeddings;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid.Tuning;

namespace GenQ.Evaluation.Hybrid;

/// <summary>
/// The label-free test bed shared by fusion tuning and the promotion gate: the tuning corpus (held-out passages indexed
/// as their positive text, <see cref="FusionTuningCorpus"/>), the held-out queries that do not copy their own passage,
/// and one BM25 index of that corpus. <see cref="RetrieveAsync"/> gives each query's dense and BM25 candidate lists for
/// one model, so two models are compared on exactly the same queries, corpus and lexical side.
/// </summary>
public sealed class HeldOutRetrieval : IDisposable
{
    private readonly TuningCorpus _tuning;
    private readonly Bm25Retriever _bm25;
    private readonly int _depth;

    private HeldOutRetrieval(TuningCorpus tuning, IReadOnlyList<HeldOutQuery> queries, int excludedCopies, Bm25Retriever bm25, int depth)
    {
        _tuning = tuning;
        Queries = queries;
        ExcludedCopies = excludedCopies;
        _bm25 = bm25;
        _depth = depth;
    }

    /// <summary>The held-out queries scored (copies of their own passage left out when asked).</summary>
    public IReadOnlyList<HeldOutQuery> Queries { get; }

    /// <summary>Held-out queries left out because they copy their own passage.</summary>
    public int ExcludedCopies { get; }

    public static HeldOutRetrieval Build(IReadOnlyList<PassageRecord> corpus, IReadOnlyList<QueryPassagePair> heldOut, HybridTuningOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(options);
        var tuning = FusionTuningCorpus.Build(corpus, heldOut, options.SwapPositives);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var passage in tuning.Passages)
        {
            texts.TryAdd(passage.Id, PassageText.Compose(passage));
        }

        var known = FusionTuningCorpus.Queries(heldOut.Where(p => texts.ContainsKey(p.PassageId)));
        var queries = options.ExcludeCopies ? known.Where(q => !VerbatimQueries.IsCopy(q.Query, texts[q.PassageId])).ToList() : known;
        var bm25 = new Bm25Retriever(tuning.Passages, options.Bm25 with { Depth = options.CandidateDepth });
        return new HeldOutRetrieval(tuning, queries, known.Count - queries.Count, bm25, options.CandidateDepth);
    }

    /// <summary>Each query's own passage with its dense candidates under <paramref name="encoder"/> and its BM25 candidates.</summary>
    /// <param name="corpusVectors">Embeddings of the served corpus by <paramref name="encoder"/>, in corpus order, when the caller has them (only swapped passages are re-embedded).</param>
    public async Task<IReadOnlyList<TuningQuery>> RetrieveAsync(ISentenceEncoder encoder, float[][]? corpusVectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (corpusVectors is not null && corpusVectors.Length != _tuning.Passages.Count)
        {
            throw new ArgumentException($"{corpusVectors.Length} corpus vectors for {_tuning.Passages.Count} passages.", nameof(corpusVectors));
        }

        var vectors = await EmbedAsync(encoder, corpusVectors, cancellationToken).ConfigureAwait(false);
        var dense = new DenseRetriever(_tuning.Passages.Select(p => p.Id).ToList(), vectors, _depth);
        var queryVectors = await encoder.EncodeAsync(Queries.Select(q => q.Query).ToList(), cancellationToken).ConfigureAwait(false);
        var prepared = new List<TuningQuery>(Queries.Count);
        for (var i = 0; i < Queries.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            prepared.Add(new TuningQuery(
                Queries[i].PassageId,
                HybridEvaluator.ToCandidates(dense.Search(queryVectors[i])),
                HybridEvaluator.ToCandidates(_bm25.Search(Queries[i].Query))));
        }

        return prepared;
    }

    public void Dispose() => _bm25.Dispose();

    private async Task<float[][]> EmbedAsync(ISentenceEncoder encoder, float[][]? corpusVectors, CancellationToken cancellationToken)
    {
        if (corpusVectors is null)
        {
            return await DenseRetriever.EncodeCorpusAsync(encoder, _tuning.Passages, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var vectors = (float[][])corpusVectors.Clone();
        var swapped = Enumerable.Range(0, _tuning.Passages.Count).Where(i => _tuning.SwappedIds.Contains(_tuning.Passages[i].Id)).ToList();
        if (swapped.Count > 0)
        {
            var embedded = await DenseRetriever.EncodeCorpusAsync(
                encoder, swapped.Select(i => _tuning.Passages[i]).ToList(), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < swapped.Count; j++)
            {
                vectors[swapped[j]] = embedded[j];
            }
        }

        return vectors;
    }
}
