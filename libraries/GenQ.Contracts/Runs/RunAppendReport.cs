namespace GenQ.Contracts.Runs;

/// <summary>
/// What an append run added and where the corpus stands towards its next retraining (run status <c>append</c>), as
/// counted when the upload was stored.
/// </summary>
/// <param name="BaseRunId">The corpus' current (replace) run the passages were appended to.</param>
/// <param name="Appended">Passages this upload added.</param>
/// <param name="CorpusPassages">Passages of the corpus with this upload.</param>
/// <param name="NewSinceTraining">Passages appended since the last retraining was queued (this upload included; 0 when it queued one).</param>
/// <param name="RetrainAfter">New passages that queue a retraining of the whole corpus (<c>IngestOptions:RetrainAfterNewPassages</c>).</param>
/// <param name="Retrains">Whether this run trains the whole corpus once its queries are generated.</param>
public sealed record RunAppendReport(string BaseRunId, int Appended, int CorpusPassages, int NewSinceTraining, int RetrainAfter, bool Retrains)
{
    /// <summary>The status line the run ends with, e.g. "appended 12 passages; retraining after 88 more".</summary>
    public string Summary => Retrains
        ? $"appended {Appended} passage(s); retraining the whole corpus ({CorpusPassages} passages) on its old and new pairs"
        : $"appended {Appended} passage(s), searchable with the live model; retraining after {RetrainAfter - NewSinceTraining} more";
}
