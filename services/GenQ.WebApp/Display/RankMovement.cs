namespace GenQ.WebApp.Display;

/// <summary>
/// Which hits moved between the zero-shot list and the adapted list of the same query, matched by passage id. Both
/// columns describe the same change (base → adapted): a hit the adapted model ranks higher is "up" in both.
/// </summary>
public static class RankMovement
{
    /// <summary>For each adapted hit, in order: where the zero-shot model had it.</summary>
    public static IReadOnlyList<HitMove> ForAdapted(IReadOnlyList<string> adaptedIds, IReadOnlyList<string> baseIds)
    {
        var baseRanks = Ranks(baseIds);
        return adaptedIds.Select((id, i) => Move(baseRanks.TryGetValue(id, out var b) ? b : null, i + 1)).ToList();
    }

    /// <summary>For each zero-shot hit, in order: where the adapted model has it.</summary>
    public static IReadOnlyList<HitMove> ForBase(IReadOnlyList<string> baseIds, IReadOnlyList<string> adaptedIds)
    {
        var adaptedRanks = Ranks(adaptedIds);
        return baseIds.Select((id, i) => Move(i + 1, adaptedRanks.TryGetValue(id, out var a) ? a : null)).ToList();
    }

    private static HitMove Move(int? baseRank, int? adaptedRank) => (baseRank, adaptedRank) switch
    {
        (null, _) => new HitMove(null, adaptedRank, MoveKind.New),
        (_, null) => new HitMove(baseRank, null, MoveKind.Dropped),
        var (b, a) when a < b => new HitMove(b, a, MoveKind.Up),
        var (b, a) when a > b => new HitMove(b, a, MoveKind.Down),
        _ => new HitMove(baseRank, adaptedRank, MoveKind.Same),
    };

    private static Dictionary<string, int> Ranks(IReadOnlyList<string> ids)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            ranks.TryAdd(ids[i], i + 1);
        }
        return ranks;
    }
}
