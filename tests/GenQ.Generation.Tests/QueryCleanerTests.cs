namespace GenQ.Generation.Tests;

public sealed class QueryCleanerTests
{
    [Fact]
    public void TrimsDropsEmptyAndExactDuplicatesAndCountsThem()
    {
        var cleaned = QueryCleaner.Clean("p", ["  what is dewey ", "", "   ", "what is dewey", "What is dewey", "dewey history"], 42);
        Assert.Equal(["what is dewey", "What is dewey", "dewey history"], cleaned.Queries);
        Assert.Equal(2, cleaned.DroppedEmpty);
        Assert.Equal(1, cleaned.DroppedDuplicates);
        Assert.Equal(42, cleaned.GeneratedTokens);
        Assert.Equal("p", cleaned.PassageId);
    }
}
