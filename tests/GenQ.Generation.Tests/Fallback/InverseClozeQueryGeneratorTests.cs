using GenQ.Generation.Fallback;

namespace GenQ.Generation.Tests.Fallback;

public sealed class InverseClozeQueryGeneratorTests
{
    private const string Text =
        "The present study is a history of the Dewey Decimal Classification. The first edition of the DDC was published in 1876. " +
        "In spite of its long and healthy life, its full story has never been told. Library classification spread abroad.";

    [Fact]
    public async Task QueriesComeFromThePassageTitleAndKeyPhrases()
    {
        using var generator = new InverseClozeQueryGenerator(new GenerationOptions { QueriesPerPassage = 3, Seed = 1 });
        var result = await generator.GenerateAsync([new PassageInput("d1", "Dewey Decimal Classification history", Text)], default);
        var passage = Assert.Single(result.Passages);
        Assert.Equal("fallback:inverse-cloze", result.Generator);
        Assert.Equal(3, passage.Queries.Count);
        Assert.Contains(passage.Queries[0], SentenceSplitter.Split(Text));
        Assert.Equal("Dewey Decimal Classification history", passage.Queries[1]);
        Assert.Contains(passage.Queries[2].Split(' ')[0], Text.ToLowerInvariant() + " dewey decimal classification history");
        Assert.Equal(0, passage.GeneratedTokens);
    }

    [Fact]
    public async Task TheQuerySentenceIsRemovedFromThePositiveMostOfTheTime()
    {
        using var generator = new InverseClozeQueryGenerator(new GenerationOptions { QueriesPerPassage = 1, Seed = 3 });
        var passages = Enumerable.Range(0, 200).Select(i => new PassageInput($"p{i}", "", Text)).ToList();
        var result = await generator.GenerateAsync(passages, default);
        var removed = result.Passages.Count(p => p.PositiveText is not null);
        Assert.InRange(removed, 160, 195);
        Assert.All(result.Passages.Where(p => p.PositiveText is not null), p => Assert.DoesNotContain(p.Queries[0], p.PositiveText!));
    }

    [Fact]
    public async Task OutputIsDeterministicPerPassageWhateverTheBatch()
    {
        var options = new GenerationOptions { Seed = 9 };
        using var generator = new InverseClozeQueryGenerator(options);
        var a = await generator.GenerateAsync([new PassageInput("x", "", Text), new PassageInput("y", "T", Text)], default);
        var b = await generator.GenerateAsync([new PassageInput("y", "T", Text)], default);
        Assert.Equal(a.Passages[1], b.Passages[0] with { }, new PassageQueriesComparer());
    }

    [Fact]
    public async Task EmptyAndNonLatinPassagesAreHandled()
    {
        using var generator = new InverseClozeQueryGenerator(new GenerationOptions());
        var result = await generator.GenerateAsync(
            [new PassageInput("e", "", ""), new PassageInput("t", "Только заголовок", ""), new PassageInput("z", "", "信息检索是计算机科学的一个领域。 Поиск информации в больших коллекциях документов.")], default);
        Assert.Empty(result.Passages[0].Queries);
        Assert.Contains("Только заголовок", result.Passages[1].Queries);
        Assert.NotEmpty(result.Passages[2].Queries);
    }

    [Fact]
    public void KeyPhrasesSplitAtStopWordsAndRankByDegree()
    {
        var phrases = KeyPhraseExtractor.Extract("Compatibility of systems of linear constraints over the set of natural numbers", 2);
        Assert.Equal(["linear constraints", "natural numbers"], phrases);
    }

    private sealed class PassageQueriesComparer : IEqualityComparer<PassageQueries>
    {
        public bool Equals(PassageQueries? x, PassageQueries? y) =>
            x!.PassageId == y!.PassageId && x.Queries.SequenceEqual(y.Queries) && x.PositiveText == y.PositiveText;

        public int GetHashCode(PassageQueries obj) => obj.PassageId.GetHashCode();
    }
}
