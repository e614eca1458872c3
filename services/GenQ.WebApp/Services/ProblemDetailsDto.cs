namespace GenQ.WebApp.Services;

/// <summary>The fields of RFC 7807 problem details (and ASP.NET's validation errors) the web app shows.</summary>
public sealed record ProblemDetailsDto(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);
