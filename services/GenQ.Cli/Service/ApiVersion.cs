using GenQ.Contracts.Runs;

namespace GenQ.Cli.Service;

/// <summary>One model version of a corpus as GET /api/corpora/{name}/versions answers it.</summary>
public sealed record ApiVersion(
    string Version,
    string State,
    bool Live,
    bool Previous,
    long Points,
    DateTimeOffset? CreatedUtc,
    string Kind,
    string? Method,
    string? Generator,
    int? Pairs,
    string Fusion,
    PromotionReport? Promotion);
