using GenQ.Adaptation.Mining;

namespace GenQ.Adaptation.Teachers;

/// <summary>
/// GPL's pseudo-labeller: scores (query, positive) and (query, hard negative) and returns their margin per example, on
/// the cosine scale the student is trained on (MarginMSE regresses the student's margin onto it).
/// </summary>
public interface IMarginTeacher
{
    /// <summary>What taught, for the manifest and the run status, e.g. "hybrid:0.5" or "cross-encoder:ms-marco-MiniLM-L-6-v2".</summary>
    string Name { get; }

    Task<double[]> MarginsAsync(IReadOnlyList<MinedExample> examples, CancellationToken cancellationToken);
}
