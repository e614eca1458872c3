namespace GenQ.Cli.Local;

/// <summary>
/// One hit of `genq search --json`. In hybrid mode <see cref="Score"/> is the fused score and
/// <see cref="DenseRank"/> / <see cref="Bm25Rank"/> say where each side ranked the passage (null: not in its candidates).
/// </summary>
public sealed record SearchHitLine(int Rank, string Id, double Score, string Title, string Text)
{
    public int? DenseRank { get; init; }

    public int? Bm25Rank { get; init; }
}
