using GenQ.WebApp.Display;

namespace GenQ.WebApp.Tests.Display;

public sealed class RankMovementTests
{
    private static readonly string[] Base = ["a", "b", "c", "d"];
    private static readonly string[] Adapted = ["c", "a", "e", "b"];

    [Fact]
    public void EachAdaptedHitSaysWhereTheZeroShotModelHadIt()
    {
        var moves = RankMovement.ForAdapted(Adapted, Base);

        Assert.Equal(new HitMove(3, 1, MoveKind.Up), moves[0]);   // c: 3rd → 1st
        Assert.Equal(new HitMove(1, 2, MoveKind.Down), moves[1]); // a: 1st → 2nd
        Assert.Equal(new HitMove(null, 3, MoveKind.New), moves[2]);
        Assert.Equal(new HitMove(2, 4, MoveKind.Down), moves[3]); // b: 2nd → 4th
        Assert.Equal(2, moves[0].Gain);
        Assert.Equal("▲ 2 (was 3)", moves[0].Label);
        Assert.Equal("▼ 2 (was 2)", moves[3].Label);
    }

    [Fact]
    public void EachZeroShotHitSaysWhereTheAdaptedModelPutItOrThatItDropped()
    {
        var moves = RankMovement.ForBase(Base, Adapted);

        Assert.Equal([MoveKind.Down, MoveKind.Down, MoveKind.Up, MoveKind.Dropped], moves.Select(m => m.Kind));
        Assert.Equal("dropped from top k", moves[3].Label);
    }

    [Fact]
    public void IdenticalListsHaveNoMovesToShow()
    {
        var moves = RankMovement.ForAdapted(Base, Base);

        Assert.All(moves, m => Assert.Equal(MoveKind.Same, m.Kind));
        Assert.All(moves, m => Assert.Equal("", m.Label));
    }
}
