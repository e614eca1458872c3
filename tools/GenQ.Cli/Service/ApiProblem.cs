namespace GenQ.Cli.Service;

/// <summary>RFC 7807 problem details as the search API writes them (validation problems carry per-field errors).</summary>
public sealed record ApiProblem(string? Title, int? Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>Field errors as "field: message" (the field names the form part, e.g. queries, qrels, body).</summary>
    public IEnumerable<(string Field, string Message)> FieldErrors() =>
        Errors?.SelectMany(kv => kv.Value.Select(message => (kv.Key, message))) ?? [];
}
