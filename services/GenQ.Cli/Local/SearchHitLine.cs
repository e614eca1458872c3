namespace GenQ.Cli.Local;

/// <summary>One hit of `genq search --json`.</summary>
public sealed record SearchHitLine(int Rank, string Id, double Score, string Title, string Text);
