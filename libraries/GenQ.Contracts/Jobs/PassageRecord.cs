namespace GenQ.Contracts.Jobs;

/// <summary>One passage of a corpus, as it travels to the generator.</summary>
public sealed record PassageRecord(string Id, string Title, string Text);
