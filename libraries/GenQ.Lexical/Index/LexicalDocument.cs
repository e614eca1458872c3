namespace GenQ.Lexical.Index;

/// <summary>One passage to index; the same <paramref name="Id"/> again replaces it.</summary>
/// <param name="Id">Passage id (non-empty).</param>
/// <param name="Title">Title (may be empty); searched together with the text.</param>
/// <param name="Text">Text.</param>
public sealed record LexicalDocument(string Id, string Title, string Text);
