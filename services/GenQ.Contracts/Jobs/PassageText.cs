using GenQ.Contracts.Jobs;

namespace GenQ.Runs;

/// <summary>
/// The one text a passage is trained and indexed as: title and text joined with a space, as BEIR's GenQ example
/// embeds corpus entries. Training and indexing must agree on it, so both call this.
/// </summary>
public static class PassageText
{
    public static string Compose(PassageRecord passage) =>
        string.IsNullOrWhiteSpace(passage.Title) ? passage.Text : $"{passage.Title} {passage.Text}".Trim();
}
