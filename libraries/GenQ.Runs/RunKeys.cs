namespace GenQ.Runs;

/// <summary>Redis keys of runs and corpora.</summary>
public static class RunKeys
{
    /// <summary>Sorted set of run ids by creation time.</summary>
    public const string RunIndex = "genq:runs";

    /// <summary>Hash with the run's state fields.</summary>
    public static string Run(string runId) => $"genq:run:{runId}";

    /// <summary>Hash passage id → passage JSON, the documents uploaded for the run.</summary>
    public static string Passages(string runId) => $"genq:run:{runId}:passages";

    /// <summary>Hash batch number → JSON array of generated pairs, written once per batch (idempotent).</summary>
    public static string Pairs(string runId) => $"genq:run:{runId}:pairs";

    /// <summary>Set of corpus names that have had an upload.</summary>
    public const string CorpusIndex = "genq:corpora";

    /// <summary>
    /// Hash with the corpus' current run (field <c>latest_run</c>: the run of its current content generation; every
    /// other run of the corpus is finished or cancelled) and its passage count.
    /// </summary>
    public static string Corpus(string corpus) => $"genq:corpus:{corpus}";

    /// <summary>Set of every run id of the corpus (what deleting the corpus removes).</summary>
    public static string CorpusRuns(string corpus) => $"genq:corpus:{corpus}:runs";

    /// <summary>String that exists while one process holds the claim on one-time work (expires by itself).</summary>
    public static string Claim(string name) => $"genq:claim:{name}";
}
