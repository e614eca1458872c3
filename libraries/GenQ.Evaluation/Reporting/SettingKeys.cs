namespace GenQ.Evaluation.Reporting;

/// <summary>Keys of <see cref="SystemEvaluation.Settings"/> that the report reads back.</summary>
public static class SettingKeys
{
    /// <summary>A hybrid row's fusion setting, e.g. "rrf:60" or "weighted:0.7".</summary>
    public const string Fusion = "fusion";

    /// <summary>Where a hybrid row's fusion came from: "default", "option", "manifest" or "tuned".</summary>
    public const string FusionSource = "fusionSource";

    /// <summary>Candidates taken from each side before fusing.</summary>
    public const string CandidateDepth = "candidateDepth";
}
