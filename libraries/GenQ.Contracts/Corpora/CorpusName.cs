using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace GenQ.Contracts.Corpora;

/// <summary>
/// The corpus-name rule every part of GenQ checks: a name becomes a URL segment of the API, part of Redis keys, an index
/// folder and part of Qdrant collection names, so it keeps to a safe alphabet. It never contains '.', which is what lets
/// a collection name be split back into (corpus, version).
/// </summary>
public static partial class CorpusName
{
    /// <summary>Longest corpus name accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1-64 characters: lowercase letters, digits, '-' or '_', starting with a letter or digit";

    public static bool IsValid([NotNullWhen(true)] string? name) => name is not null && Pattern().IsMatch(name);

    // \z, not $: in .NET '$' also matches before a final newline, so "abc\n" would pass and reach keys and folders.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
