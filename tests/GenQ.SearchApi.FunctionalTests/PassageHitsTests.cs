using GenQ.Evaluation.Retrieval;
using GenQ.SearchApi.Evaluation;

namespace GenQ.SearchApi.FunctionalTests;

public sealed class PassageHitsTests
{
    [Fact]
    public void PassagesOfADocumentCountOnceWithTheirBestScore()
    {
        var documents = PassageHits.ToDocuments(
        [
            new ScoredDocument("a#3", 0.9),
            new ScoredDocument("b", 0.8),
            new ScoredDocument("a", 0.7),
            new ScoredDocument("c#2", 0.6),
        ]);

        Assert.Equal([("a", 0.9), ("b", 0.8), ("c", 0.6)], documents.Select(d => (d.DocumentId, d.Score)));
    }
}
