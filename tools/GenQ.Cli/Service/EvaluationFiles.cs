using System.Net;
using GenQ.Cli.Infrastructure;
using GenQ.Evaluation.Reporting;

namespace GenQ.Cli.Service;

/// <summary>
/// The two files of a BEIR evaluation: from a BEIR folder (queries.jsonl, qrels/{split}.tsv) or given one by one.
/// Sending them turns the API's report of a malformed line into "file: line N: problem".
/// </summary>
public sealed record EvaluationFiles(string Queries, string Qrels)
{
    public static EvaluationFiles Resolve(string? folder, string? queries, string? qrels, string split)
    {
        if (folder is not null)
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"BEIR folder '{folder}' does not exist.");
            }
            queries ??= Path.Combine(folder, "queries.jsonl");
            qrels ??= Path.Combine(folder, "qrels", split + ".tsv");
        }
        if (queries is null || qrels is null)
        {
            throw new CliUsageException("give a BEIR folder (--data/--eval) or both --queries and --qrels.");
        }
        CorpusUpload.RequireFile(queries, "queries");
        CorpusUpload.RequireFile(qrels, "qrels");
        return new EvaluationFiles(queries, qrels);
    }

    public async Task<(EvaluationReport Report, string Json)> EvaluateAsync(
        GenqApiClient client, string corpus, string? modes, string? versions, CancellationToken cancellationToken)
    {
        try
        {
            return await client.EvaluateAsync(corpus, Queries, Qrels, modes, versions, cancellationToken);
        }
        catch (ApiProblemException ex) when (ex.Status == HttpStatusCode.BadRequest && ex.Problem?.FieldErrors().FirstOrDefault() is { Field: { } field } error)
        {
            var where = field switch { "queries" => Queries + ": ", "qrels" => Qrels + ": ", "modes" => "--modes: ", "versions" => "--versions: ", _ => "" };
            throw new CliUsageException($"{where}{error.Message}", ex);
        }
    }
}
