namespace GenQ.WebApp.Services;

/// <summary>What the search form asks: the corpus, the query text, the mode and how many hits.</summary>
public sealed record SearchQuery(string Corpus, string Text, string Mode, int TopK)
{
    public const int DefaultTopK = 10;
    public const int MaxTopK = 100;
    public static readonly IReadOnlyList<string> Modes = ["hybrid", "dense", "bm25"];
}
