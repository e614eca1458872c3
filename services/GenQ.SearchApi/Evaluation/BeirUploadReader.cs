using GenQ.Evaluation.Data;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// Reads uploaded BEIR <c>queries.jsonl</c> and qrels TSV with GenQ.Evaluation's <see cref="BeirReader"/> (the CLI's
/// rules: blank lines skipped, ids trimmed, numeric ids accepted, duplicates and malformed lines rejected with their
/// line number). The form is already buffered when this runs. Errors name the form part as
/// <see cref="EvaluationInputException.Field"/>.
/// </summary>
public static class BeirUploadReader
{
    public static Task<Dictionary<string, string>> ReadQueriesAsync(Stream stream, string field, CancellationToken cancellationToken)
    {
        var queries = Read(stream, field, BeirReader.ReadQueries);
        return Task.FromResult(queries.Count == 0 ? throw new EvaluationInputException(field, null, "contains no queries") : queries);
    }

    /// <summary>Header <c>query-id\tcorpus-id\tscore</c>, then one integer-graded judgment per line.</summary>
    public static Task<Dictionary<string, IReadOnlyDictionary<string, int>>> ReadQrelsAsync(Stream stream, string field, CancellationToken cancellationToken) =>
        Task.FromResult(Read(stream, field, BeirReader.ReadQrels));

    private static T Read<T>(Stream stream, string field, Func<TextReader, string, T> read)
    {
        using var reader = new StreamReader(stream);
        try
        {
            return read(reader, field);
        }
        catch (BeirFormatException ex)
        {
            throw new EvaluationInputException(field, ex.Line, ex.Problem.TrimEnd('.'));
        }
    }
}
