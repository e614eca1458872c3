using System.Numerics.Tensors;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings;
using GenQ.Evaluation.Retrieval;
using GenQ.Training;

namespace GenQ.Adaptation.Mining;

/// <summary>
/// Mines one hard negative per training pair from the corpus as the live model and BM25 rank it (UKPLab GPL's
/// "retrieve with the current model, sample below the top"): each query is searched on both sides, candidates come from
/// ranks [<see cref="HardNegativeOptions.RankFrom"/>, <see cref="HardNegativeOptions.RankTo"/>) of either list, and the
/// positive, its sibling passages (the same document split into <c>{id}</c>, <c>{id}#2</c>, …) and near-duplicates of
/// it (cosine above <see cref="HardNegativeOptions.MaxCosineToPositive"/>) are never taken. One candidate is drawn per
/// pair with a generator seeded by the options' seed and the pair's index, so a rerun mines the same negatives.
/// </summary>
public static class HardNegativeMiner
{
    /// <param name="corpus">The corpus as indexed.</param>
    /// <param name="corpusVectors">Its embeddings by <paramref name="encoder"/> (the live model), in corpus order.</param>
    /// <param name="pairs">Training pairs with the id of their positive passage, in the same order.</param>
    public static async Task<MiningResult> MineAsync(
        IReadOnlyList<PassageRecord> corpus, float[][] corpusVectors, ISentenceEncoder encoder,
        IReadOnlyList<(TrainingPair Pair, string PassageId)> pairs, Bm25Options bm25Options, HardNegativeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(corpusVectors);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(pairs);
        options ??= new HardNegativeOptions();
        options.Validate();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < corpus.Count; i++)
        {
            index.TryAdd(corpus[i].Id, i);
        }

        var dense = new DenseRetriever(corpus.Select(p => p.Id).ToList(), corpusVectors, options.RankTo);
        using var bm25 = new Bm25Retriever(corpus, bm25Options with { Depth = options.RankTo });
        var queryVectors = await encoder.EncodeAsync(pairs.Select(p => p.Pair.Query).ToList(), cancellationToken).ConfigureAwait(false);
        var examples = new List<MinedExample>(pairs.Count);
        var without = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (pair, positiveId) = pairs[i];
            var positive = index[positiveId];
            var denseHits = dense.Search(queryVectors[i]);
            var lexicalHits = bm25.Search(pair.Query);
            var candidates = Window(denseHits, options).Concat(Window(lexicalHits, options))
                .Select(hit => hit.DocumentId)
                .Distinct(StringComparer.Ordinal)
                .Where(id => !IsSibling(id, positiveId)
                    && TensorPrimitives.CosineSimilarity(corpusVectors[index[id]], corpusVectors[positive]) <= options.MaxCosineToPositive)
                .ToList();
            if (candidates.Count == 0)
            {
                without++;
                continue;
            }

            var negativeId = candidates[new Random(unchecked((options.Seed * 1_000_003) + i)).Next(candidates.Count)];
            var negative = index[negativeId];
            double Bm25Of(string id) => lexicalHits.FirstOrDefault(h => h.DocumentId == id)?.Score ?? 0;
            examples.Add(new MinedExample(
                pair with { HardNegative = PassageText.Compose(corpus[negative]) },
                positiveId,
                negativeId,
                TensorPrimitives.CosineSimilarity(queryVectors[i], corpusVectors[positive]),
                TensorPrimitives.CosineSimilarity(queryVectors[i], corpusVectors[negative]),
                Bm25Of(positiveId),
                Bm25Of(negativeId),
                lexicalHits.Count > 0 ? lexicalHits[0].Score : 0));
        }

        return new MiningResult(examples, without);
    }

    /// <summary>Two passage ids of the same document: equal up to the splitter's <c>#n</c> suffix.</summary>
    public static bool IsSibling(string a, string b) =>
        string.Equals(DocumentOf(a), DocumentOf(b), StringComparison.Ordinal);

    private static string DocumentOf(string passageId)
    {
        var hash = passageId.LastIndexOf('#');
        return hash > 0 && int.TryParse(passageId.AsSpan(hash + 1), out _) ? passageId[..hash] : passageId;
    }

    private static IEnumerable<ScoredDocument> Window(IReadOnlyList<ScoredDocument> hits, HardNegativeOptions options) =>
        hits.Skip(options.RankFrom).Take(options.RankTo - options.RankFrom);
}
