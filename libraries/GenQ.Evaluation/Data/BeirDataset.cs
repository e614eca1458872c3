using GenQ.Contracts.Jobs;

namespace GenQ.Evaluation.Data;

/// <summary>
/// A BEIR collection in memory: corpus passages, the judged queries (query id to text) and the relevance judgments
/// (query id to corpus id to graded score). Only queries that have judgments are kept, as BEIR's loader does.
/// </summary>
public sealed record BeirDataset(
    string Name,
    IReadOnlyList<PassageRecord> Corpus,
    IReadOnlyDictionary<string, string> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels)
{
    public int JudgmentCount => Qrels.Values.Sum(q => q.Count);

    /// <summary>Loads <c>corpus.jsonl</c>, <c>queries.jsonl</c> and <c>qrels/{split}.tsv</c> from a BEIR folder.</summary>
    public static BeirDataset Load(string folder, string split = "test")
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"BEIR folder '{folder}' does not exist.");
        }

        var corpus = BeirReader.ReadCorpus(Path.Combine(folder, "corpus.jsonl"));
        var queries = BeirReader.ReadQueries(Path.Combine(folder, "queries.jsonl"));
        var qrelsPath = Path.Combine(folder, "qrels", split + ".tsv");
        var qrels = BeirReader.ReadQrels(qrelsPath);
        var missing = qrels.Keys.FirstOrDefault(q => !queries.ContainsKey(q));
        if (missing is not null)
        {
            throw new BeirFormatException(qrelsPath, null, $"query-id '{missing}' has judgments but no entry in queries.jsonl.");
        }

        var judged = queries.Where(q => qrels.ContainsKey(q.Key)).ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        return new BeirDataset(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), corpus, judged, qrels);
    }
}
