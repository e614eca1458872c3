using System.Text.RegularExpressions;

namespace GenQ.Generation.Fallback;

/// <summary>Splits text into sentences at ., ! or ? followed by whitespace, and at line breaks.</summary>
public static partial class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text) =>
        Boundary().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    [GeneratedRegex(@"(?<=[.!?。！？])\s+|[\r\n]+")]
    private static partial Regex Boundary();
}
