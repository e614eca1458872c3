namespace GenQ.Lexical.Index;

/// <summary>Field names and commit metadata keys of a GenQ Lucene index.</summary>
internal static class LuceneLexicalFields
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Text = "text";

    /// <summary>The analysed, unstored field searched: title + " " + text.</summary>
    public const string Content = "content";

    /// <summary>Commit user-data key recording the analysis, so a reopened index analyses queries the same way.</summary>
    public const string AnalyzerKey = "genq.analyzer";
}
