namespace GenQ.WebApp.Services;

/// <summary>
/// What went wrong with a call to the search API, in words: the API's RFC 7807 problem details (title, detail, the
/// errors of each field) or, when the API could not be reached at all, a sentence saying so.
/// </summary>
public sealed record ApiProblem(string Title, string? Detail, int? Status, IReadOnlyDictionary<string, string[]> Errors)
{
    public static ApiProblem Unreachable(string why) =>
        new("The search API cannot be reached", $"GenQ's search API did not answer ({why}). Is it running? The Aspire dashboard shows its state.",
            null, new Dictionary<string, string[]>());

    /// <summary>Every field error as "field: message" lines, in the API's order.</summary>
    public IEnumerable<string> ErrorLines => Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"));
}
