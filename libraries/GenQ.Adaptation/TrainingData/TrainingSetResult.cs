using GenQ.Contracts.Jobs;
using GenQ.Training;

namespace GenQ.Adaptation.TrainingData;

/// <summary>The pairs a run trains on, the stored pairs they came from (same order), and what was left out and why.</summary>
public sealed record TrainingSetResult(
    IReadOnlyList<TrainingPair> Pairs, IReadOnlyList<QueryPassagePair> Sources, int DroppedCopies, int OverBudget);
