using GenQ.Hybrid.Tuning;

namespace GenQ.Hybrid.Tests;

public sealed class VerbatimQueriesTests
{
    [Theory]
    [InlineData("Dry Eye Syndrome", "Effects of dry-eye syndrome on vision.", true)]
    [InlineData("boundary layer", "THE BOUNDARY  LAYER, at high speed", true)]
    [InlineData("layer boundary", "the boundary layer at high speed", false)]
    [InlineData("eye", "the dry eyes", false)]
    [InlineData("what causes dry eyes", "Dry eye syndrome is common.", false)]
    public void CopiesAreWholeWordRunsIgnoringCaseAndPunctuation(string query, string passage, bool copy) =>
        Assert.Equal(copy, VerbatimQueries.IsCopy(query, passage));

    [Fact]
    public void PunctuationOnlyQueriesAreNotCopies() => Assert.False(VerbatimQueries.IsCopy("?!", "a ?! b"));
}
