namespace GenQ.Cli.Service;

/// <summary>One hit of GET /api/search.</summary>
public sealed record ApiSearchHit(string PassageId, string Title, string Snippet, float Score);
