namespace GenQ.Generation;

/// <summary>A passage to write queries for. The model reads "title text" (BEIR's GenQ input) when a title is present.</summary>
public sealed record PassageInput(string Id, string Title, string Text);
