namespace GenQ.Cli.Service;

/// <summary>The answer of GET /api/search: hits best first and the model version that answered.</summary>
public sealed record ApiSearchResponse(string Corpus, string Query, string ModelVersion, IReadOnlyList<ApiSearchHit> Hits)
{
    /// <summary>dense, bm25 or hybrid, when the API reports it.</summary>
    public string? Mode { get; init; }

    /// <summary>The fusion of hybrid mode (e.g. "rrf:60"), when the API reports it.</summary>
    public string? Fusion { get; init; }
}
