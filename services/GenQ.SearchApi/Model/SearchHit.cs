namespace GenQ.SearchApi.Model;

public sealed record SearchHit(string PassageId, string Title, string Snippet, float Score);
