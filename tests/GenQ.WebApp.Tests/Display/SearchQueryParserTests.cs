using GenQ.WebApp.Services;

namespace GenQ.WebApp.Tests.Display;

public sealed class SearchQueryParserTests
{
    [Fact]
    public void AHandEditedUrlStillSearchesWithinWhatTheApiAccepts()
    {
        Assert.Equal(new SearchQuery("time", "cuba", "hybrid", 100), SearchQueryParser.Parse(" time ", "cuba ", "fancy", 5000));
        Assert.Equal(new SearchQuery("time", "cuba", "bm25", 1), SearchQueryParser.Parse("time", "cuba", "BM25", 0));
        Assert.Null(SearchQueryParser.Parse("time", "  ", "dense", 10));
        Assert.Null(SearchQueryParser.Parse(null, "cuba", "dense", 10));
    }
}
