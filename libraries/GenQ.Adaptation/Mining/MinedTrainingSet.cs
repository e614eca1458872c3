using GenQ.Adaptation.Teachers;
using GenQ.Adaptation.TrainingData;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings;
using GenQ.Evaluation.Retrieval;
using GenQ.Training;

namespace GenQ.Adaptation.Mining;

/// <summary>
/// Turns a run's training set into (query, positive, hard negative[, teacher margin]) examples: negatives mined with the
/// live model and BM25 (<see cref="HardNegativeMiner"/>), margins from a teacher when one is given (GPL). Pairs without a
/// negative in the window are left out and counted.
/// </summary>
public static class MinedTrainingSet
{
    /// <param name="liveCorpusVectors">The corpus embedded by <paramref name="liveEncoder"/>, when the caller has it.</param>
    public static async Task<(IReadOnlyList<TrainingPair> Pairs, int WithoutNegative)> BuildAsync(
        TrainingSetResult set, IReadOnlyList<PassageRecord> corpus, ISentenceEncoder liveEncoder, float[][]? liveCorpusVectors,
        Bm25Options bm25, HardNegativeOptions mining, IMarginTeacher? teacher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(liveEncoder);
        var vectors = liveCorpusVectors
            ?? await DenseRetriever.EncodeCorpusAsync(liveEncoder, corpus, cancellationToken: cancellationToken).ConfigureAwait(false);
        var input = set.Pairs.Select((pair, i) => (pair, set.Sources[i].PassageId)).ToList();
        var mined = await HardNegativeMiner.MineAsync(corpus, vectors, liveEncoder, input, bm25, mining, cancellationToken).ConfigureAwait(false);
        if (teacher is null)
        {
            return (mined.Examples.Select(e => e.Pair).ToList(), mined.WithoutNegative);
        }

        var margins = await teacher.MarginsAsync(mined.Examples, cancellationToken).ConfigureAwait(false);
        return (mined.Examples.Select((e, i) => e.Pair with { TeacherMargin = margins[i] }).ToList(), mined.WithoutNegative);
    }
}
