namespace GenQ.Contracts.Runs;

/// <summary>
/// What a run's model is trained on and within which budget, recorded when training starts (run status <c>training</c>).
/// </summary>
/// <param name="Method">Training method: "mnrl" (MultipleNegativesRankingLoss on in-batch negatives) or "gpl" (MarginMSE on mined hard negatives with teacher margins).</param>
/// <param name="Pairs">Pairs trained on.</param>
/// <param name="HeldOutPairs">Pairs of held-out passages, kept for fusion tuning and the promotion gate.</param>
/// <param name="DroppedCopies">Pairs left out because the query copies its positive verbatim.</param>
/// <param name="OverBudget">Pairs left out by the pair budget.</param>
/// <param name="MaxPairs">The pair budget (null: none).</param>
/// <param name="MaxSteps">The step budget (null: none).</param>
/// <param name="Epochs">Passes over the pairs.</param>
public sealed record RunTrainingReport(
    string Method, int Pairs, int HeldOutPairs, int DroppedCopies, int OverBudget, int? MaxPairs, int? MaxSteps, int Epochs);
