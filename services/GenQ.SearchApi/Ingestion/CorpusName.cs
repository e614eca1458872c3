using System.Text.RegularExpressions;

namespace GenQ.SearchApi.Ingestion;

/// <summary>Corpus names become parts of Redis keys and collection names: keep them to a safe alphabet.</summary>
public static partial class CorpusName
{
    public const string Rule = "1-64 characters: lowercase letters, digits, '-' or '_', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex Pattern();
}
