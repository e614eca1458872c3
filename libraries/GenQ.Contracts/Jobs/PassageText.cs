namespace GenQ.Contracts.Jobs;

/// <summary>
/// The one text a passage is trained, embedded and BM25-indexed as: title and text joined with a space, as BEIR's GenQ
/// example embeds corpus entries. Training, dense indexing, the lexical index and evaluation must agree on it, so all
/// of them call this.
/// </summary>
public static class PassageText
{
    public static string Compose(PassageRecord passage) => Compose(passage.Title, passage.Text);

    public static string Compose(string? title, string? text) =>
        string.IsNullOrWhiteSpace(title) ? text ?? string.Empty : $"{title} {text}".Trim();
}
