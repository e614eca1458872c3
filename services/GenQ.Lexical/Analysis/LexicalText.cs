namespace GenQ.Lexical.Analysis;

/// <summary>
/// The text a passage is indexed as: title and text joined with a space. Identical to GenQ.Runs.PassageText.Compose
/// (what the dense side embeds), repeated here so this library depends on nothing else in GenQ.
/// </summary>
public static class LexicalText
{
    public static string Compose(string? title, string? text) =>
        string.IsNullOrWhiteSpace(title) ? text ?? string.Empty : $"{title} {text}".Trim();
}
