namespace GenQ.Cli.Local;

/// <summary>
/// The files `genq generate` writes, in the layout of BEIR's query generator:
/// <c>gen-queries.jsonl</c> ({"_id","text"} per query), <c>gen-qrels/train.tsv</c> (query-id, corpus-id, score 1,
/// with a header) and <c>generation.json</c> (settings, model, provider, counts, throughput); GenQ adds
/// <c>gen-positives.jsonl</c> ({"_id": corpus-id, "text"}) for passages whose generator trains against a changed
/// positive (inverse cloze: the passage without the query sentence), as the generator worker stores it with each pair.
/// </summary>
public sealed record GenerationLayout(string Directory)
{
    public const string QueriesFileName = "gen-queries.jsonl";
    public const string QrelsFolderName = "gen-qrels";
    public const string QrelsFileName = "train.tsv";
    public const string InfoFileName = "generation.json";
    public const string PositivesFileName = "gen-positives.jsonl";
    public const string QrelsHeader = "query-id\tcorpus-id\tscore";

    /// <summary>BEIR's query generator names queries genQ1, genQ2, ...</summary>
    public const string QueryIdPrefix = "genQ";

    public string QueriesPath => Path.Combine(Directory, QueriesFileName);

    public string QrelsPath => Path.Combine(Directory, QrelsFolderName, QrelsFileName);

    public string InfoPath => Path.Combine(Directory, InfoFileName);

    public string PositivesPath => Path.Combine(Directory, PositivesFileName);
}
