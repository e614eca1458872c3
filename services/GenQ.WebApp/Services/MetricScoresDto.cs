namespace GenQ.WebApp.Services;

/// <summary>The four BEIR metrics of one evaluated system.</summary>
public sealed record MetricScoresDto(double NdcgAt10, double MrrAt10, double RecallAt100, double MapAt100);
