using GenQ.Training;

namespace GenQ.Adaptation.Mining;

/// <summary>
/// A training pair with its mined hard negative and the live model's evidence about both: cosine similarities to the
/// query and BM25 scores (0 when outside the BM25 list), with the query's best BM25 score to normalise by.
/// </summary>
public sealed record MinedExample(
    TrainingPair Pair,
    string PositiveId,
    string NegativeId,
    double PositiveCosine,
    double NegativeCosine,
    double PositiveBm25,
    double NegativeBm25,
    double TopBm25);
