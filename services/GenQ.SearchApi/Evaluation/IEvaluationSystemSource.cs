namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// Supplies the systems of one retrieval mode for a corpus. The dense source (every ready index version) is built in;
/// further modes (BM25, hybrid) are added by registering another source:
/// <c>services.AddSingleton&lt;IEvaluationSystemSource, MySource&gt;()</c>. Every registered source is asked.
/// </summary>
public interface IEvaluationSystemSource
{
    /// <summary>The mode this source provides ("dense", "bm25", "hybrid"); the request's <c>modes</c> field selects on it.</summary>
    string Mode { get; }

    /// <summary>
    /// The systems available for <paramref name="corpus"/> now (empty when none is, e.g. nothing indexed yet). Per-version
    /// sources give the live and the base (zero-shot) versions, and the superseded ones too when
    /// <paramref name="allVersions"/> (the request's <c>versions=all</c>).
    /// </summary>
    Task<IReadOnlyList<EvaluationSystem>> GetSystemsAsync(string corpus, bool allVersions, CancellationToken cancellationToken);
}
