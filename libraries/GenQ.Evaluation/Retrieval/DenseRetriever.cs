using System.Numerics.Tensors;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings;
using GenQ.Evaluation.Metrics;

namespace GenQ.Evaluation.Retrieval;

/// <summary>
/// Exact dense retrieval: every passage (title + " " + text, <see cref="PassageText.Compose"/>) is embedded with the
/// bi-encoder and each query is scored against all of them by cosine similarity; no approximate index, so the number
/// measures the model and nothing else.
/// </summary>
public sealed class DenseRetriever
{
    private readonly IReadOnlyList<string> _ids;
    private readonly float[][] _vectors;

    /// <param name="documentIds">Corpus ids, in the order of <paramref name="vectors"/>.</param>
    /// <param name="vectors">Passage embeddings (e.g. from <see cref="EncodeCorpusAsync"/> or an on-disk cache).</param>
    public DenseRetriever(IReadOnlyList<string> documentIds, float[][] vectors, int depth = 100)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentNullException.ThrowIfNull(vectors);
        if (documentIds.Count != vectors.Length)
        {
            throw new ArgumentException($"{documentIds.Count} document ids but {vectors.Length} vectors.", nameof(vectors));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        _ids = documentIds;
        _vectors = vectors;
        Depth = depth;
    }

    public int Depth { get; }

    /// <summary>Embeds the corpus in chunks, reporting the number of passages done after each chunk.</summary>
    public static async Task<float[][]> EncodeCorpusAsync(
        ISentenceEncoder encoder, IReadOnlyList<PassageRecord> corpus, IProgress<int>? progress = null,
        int chunkSize = 256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var vectors = new float[corpus.Count][];
        for (var start = 0; start < corpus.Count; start += chunkSize)
        {
            var chunk = corpus.Skip(start).Take(chunkSize).Select(PassageText.Compose).ToList();
            var encoded = await encoder.EncodeAsync(chunk, cancellationToken).ConfigureAwait(false);
            encoded.CopyTo(vectors, start);
            progress?.Report(start + chunk.Count);
        }

        return vectors;
    }

    /// <summary>The top <see cref="Depth"/> passages for one query embedding, in trec_eval order.</summary>
    public IReadOnlyList<ScoredDocument> Search(float[] query)
    {
        var hits = new ScoredDocument[_vectors.Length];
        for (var i = 0; i < _vectors.Length; i++)
        {
            hits[i] = new ScoredDocument(_ids[i], TensorPrimitives.CosineSimilarity(query, _vectors[i]));
        }

        Array.Sort(hits, TrecRanking.Compare);
        return hits.Length <= Depth ? hits : hits[..Depth];
    }

    /// <summary>Embeds and runs every query; the result maps query id to its hits.</summary>
    public async Task<Dictionary<string, IReadOnlyList<ScoredDocument>>> SearchAllAsync(
        ISentenceEncoder encoder, IReadOnlyDictionary<string, string> queries, CancellationToken cancellationToken = default)
    {
        var ids = queries.Keys.ToList();
        var embeddings = await encoder.EncodeAsync(ids.Select(id => queries[id]).ToList(), cancellationToken).ConfigureAwait(false);
        var run = new Dictionary<string, IReadOnlyList<ScoredDocument>>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            run[ids[i]] = Search(embeddings[i]);
        }

        return run;
    }
}
