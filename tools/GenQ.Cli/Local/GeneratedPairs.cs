using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Contracts.Jobs;
using GenQ.Evaluation.Data;

namespace GenQ.Cli.Local;

/// <summary>
/// The (query, passage id, positive text) pairs of a folder written by `genq generate`, in qrels order, as the generator
/// worker stores them for a run (<see cref="QueryPassagePair"/>); positive texts come from gen-positives.jsonl when the
/// folder has one (folders written before it have none: pairs then train and tune against the passage itself).
/// </summary>
public static class GeneratedPairs
{
    /// <param name="corpusIds">Ids of the corpus the queries were generated from; a qrels line naming another id is bad input.</param>
    public static List<QueryPassagePair> Read(GenerationLayout layout, IReadOnlySet<string> corpusIds, string corpusPath)
    {
        if (!File.Exists(layout.QrelsPath) || !File.Exists(layout.QueriesPath))
        {
            throw new CliUsageException($"'{layout.Directory}' has no {GenerationLayout.QueriesFileName} and {GenerationLayout.QrelsFolderName}/{GenerationLayout.QrelsFileName}; run 'genq generate' first.");
        }

        var queries = BeirReader.ReadQueries(layout.QueriesPath);
        var qrels = BeirReader.ReadQrels(layout.QrelsPath);
        var positives = ReadPositives(layout);
        var pairs = new List<QueryPassagePair>();
        foreach (var (queryId, judgments) in qrels)
        {
            var query = queries.TryGetValue(queryId, out var text)
                ? text
                : throw new CliUsageException($"{layout.QrelsPath}: query-id '{queryId}' is not in {GenerationLayout.QueriesFileName}.");
            foreach (var (passageId, score) in judgments)
            {
                if (score <= 0)
                {
                    continue;
                }

                pairs.Add(corpusIds.Contains(passageId)
                    ? new QueryPassagePair(query, passageId, positives.GetValueOrDefault(passageId))
                    : throw new CliUsageException($"{layout.QrelsPath}: corpus-id '{passageId}' is not in {corpusPath}; was the data generated from another corpus?"));
            }
        }

        return pairs;
    }

    private static Dictionary<string, string> ReadPositives(GenerationLayout layout)
    {
        var positives = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(layout.PositivesPath))
        {
            return positives;
        }

        foreach (var (line, number) in BeirReader.Lines(layout.PositivesPath))
        {
            GeneratedPositiveLine? positive;
            try
            {
                positive = JsonSerializer.Deserialize(line, CliJsonLinesContext.Default.GeneratedPositiveLine);
            }
            catch (JsonException ex)
            {
                throw new CliUsageException($"{layout.PositivesPath} line {number}: not a JSON object with _id and text ({ex.Message}).");
            }

            if (positive is not { PassageId: not null, Text: not null })
            {
                throw new CliUsageException($"{layout.PositivesPath} line {number}: _id and text are required.");
            }

            positives[positive.PassageId] = positive.Text;
        }

        return positives;
    }
}
