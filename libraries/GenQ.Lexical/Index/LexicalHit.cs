namespace GenQ.Lexical.Index;

/// <summary>One BM25 hit. <paramref name="Title"/> and <paramref name="Text"/> are null unless stored text was asked for.</summary>
public sealed record LexicalHit(string Id, float Score, string? Title = null, string? Text = null);
