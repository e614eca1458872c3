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

    /// <summary>
    /// Set of the append runs whose passages were added to the corpus content that <paramref name="baseRunId"/> (a replace
    /// run) started: the corpus is the base run's passages plus theirs, until the next replace.
    /// </summary>
    public static string Appends(string baseRunId) => $"genq:run:{baseRunId}:appends";

    /// <summary>Set of corpus names that have had an upload.</summary>
    public const string CorpusIndex = "genq:corpora";

    /// <summary>
    /// Hash with the corpus' current run (field <c>latest_run</c>: the run of its current content generation; every
    /// other replace run of the corpus is finished or cancelled; its append runs are recorded under <see cref="Appends"/>),
    /// its passage count (appends included) and <c>new_passages</c>: passages appended since the last retraining was queued.
    /// </summary>
    public static string Corpus(string corpus) => $"genq:corpus:{corpus}";

    /// <summary>Set of every run id of the corpus (what deleting the corpus removes).</summary>
    public static string CorpusRuns(string corpus) => $"genq:corpus:{corpus}:runs";

    /// <summary>String that exists while one process holds the claim on one-time work (expires by itself).</summary>
    public static string Claim(string name) => $"genq:claim:{name}";
}
