using GenQ.Contracts.Jobs;
using GenQ.Embeddings;
using GenQ.Hybrid.Tuning;

namespace GenQ.Evaluation.Hybrid;

/// <summary>
/// Label-free fusion tuning end to end, for the CLI and the trainer worker alike: the held-out test bed
/// (<see cref="HeldOutRetrieval"/>: tuning corpus, queries that do not copy their passage, BM25), each query's dense and
/// BM25 candidates under <paramref name="encoder"/>, and <see cref="FusionTuner"/>.
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
        ArgumentNullException.ThrowIfNull(encoder);
        options ??= new HybridTuningOptions();
        using var retrieval = HeldOutRetrieval.Build(corpus, heldOut, options);
        var prepared = await retrieval.RetrieveAsync(encoder, corpusVectors, cancellationToken).ConfigureAwait(false);
        return FusionTuner.Tune(prepared, options.Tuner) with { ExcludedCopies = retrieval.ExcludedCopies };
    }
}
