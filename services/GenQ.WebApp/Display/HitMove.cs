namespace GenQ.WebApp.Display;

/// <summary>A hit's rank under the zero-shot (base) and adapted model (null: not in that top k) and what that means.</summary>
public sealed record HitMove(int? BaseRank, int? AdaptedRank, MoveKind Kind)
{
    /// <summary>Places gained by adaptation (positive: moved up), when the hit is in both lists.</summary>
    public int? Gain => BaseRank - AdaptedRank;

    /// <summary>A short label such as "▲ 3 (was 5)", "new", "dropped" or "" for an unmoved hit.</summary>
    public string Label => Kind switch
    {
        MoveKind.Up => $"▲ {Gain} (was {BaseRank})",
        MoveKind.Down => $"▼ {-Gain} (was {BaseRank})",
        MoveKind.New => "new in top k",
        MoveKind.Dropped => AdaptedRank is null ? "dropped from top k" : "",
        _ => "",
    };
}
