using GenQ.Generation.Modeling;

namespace GenQ.Generation.Tests;

public sealed class T5QueryGeneratorTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    private static readonly PassageInput[] Passages =
    [
        new("d1", "Dewey Decimal Classification", "The present study is a history of the DEWEY Decimal Classification."),
        new("d2", "", "correlation between maternal and fetal plasma levels of glucose"),
        new("d3", "情報検索", "信息检索是计算机科学的一个领域。 Поиск информации в больших коллекциях документов."),
        new("d4", "", ""),
        new("d5", "Long", string.Join(' ', Enumerable.Repeat("experimental investigation of the aerodynamics of a wing in a slipstream.", 80))),
    ];

    private T5QueryGenerator Create(GenerationOptions options) =>
        T5QueryGenerator.Load(options with { ModelPath = models.All, Provider = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 }, new CapturingLoggerFactory().CreateLogger("t5"));

    [Fact]
    public async Task EveryPassageGetsUpToQueriesPerPassageCleanQueriesInInputOrder()
    {
        using var generator = Create(new GenerationOptions { QueriesPerPassage = 3, MaxNewTokens = 12, Seed = 5, BatchSize = 2 });
        var result = await generator.GenerateAsync(Passages, default);

        Assert.Equal("t5:t5-tiny-all", generator.Name);
        Assert.Equal("t5:t5-tiny-all", result.Generator);
        Assert.Equal(Passages.Select(p => p.Id), result.Passages.Select(p => p.PassageId));
        foreach (var passage in result.Passages)
        {
            Assert.Equal(3, passage.Queries.Count + passage.DroppedEmpty + passage.DroppedDuplicates);
            Assert.All(passage.Queries, q => Assert.Equal(q.Trim(), q));
            Assert.All(passage.Queries, Assert.NotEmpty);
            Assert.Equal(passage.Queries.Count, passage.Queries.Distinct().Count());
            Assert.InRange(passage.GeneratedTokens, 3, 3 * 12);
        }

        Assert.True(result.QueryCount > Passages.Length);
    }

    [Fact]
    public async Task GreedyDuplicatesAreDroppedAndCounted()
    {
        using var generator = Create(new GenerationOptions { QueriesPerPassage = 3, MaxNewTokens = 8, Greedy = true });
        var result = await generator.GenerateAsync(Passages[..2], default);
        Assert.All(result.Passages, p =>
        {
            Assert.Single(p.Queries);
            Assert.Equal(2, p.DroppedDuplicates);
            Assert.Equal(24, p.GeneratedTokens);
        });
    }

    [Fact]
    public async Task EmptyVeryLongAndNonLatinPassagesAreHandled()
    {
        using var generator = Create(new GenerationOptions { QueriesPerPassage = 2, MaxNewTokens = 6, Greedy = true, MaxInputTokens = 300 });
        var result = await generator.GenerateAsync(Passages[2..], default);
        Assert.Equal(["d3", "d4", "d5"], result.Passages.Select(p => p.PassageId));
        Assert.All(result.Passages, p => Assert.Equal(12, p.GeneratedTokens));

        var longInput = generator.Model.Tokenizer.EncodeForModel(T5QueryGenerator.ModelInput(Passages[4]), 300);
        Assert.Equal(300, longInput.Length);
    }

    [Fact]
    public async Task ResultsDoNotDependOnBatchSizeWhenGreedy()
    {
        var options = new GenerationOptions { QueriesPerPassage = 1, MaxNewTokens = 10, Greedy = true };
        using var one = Create(options with { BatchSize = 1 });
        using var all = Create(options with { BatchSize = 8 });
        var a = await one.GenerateAsync(Passages, default);
        var b = await all.GenerateAsync(Passages, default);
        Assert.Equal(a.Passages.Select(p => p.Queries), b.Passages.Select(p => p.Queries));
    }

    [Fact]
    public async Task NoPassagesGiveAnEmptyResult()
    {
        using var generator = Create(new GenerationOptions());
        var result = await generator.GenerateAsync([], default);
        Assert.Empty(result.Passages);
        Assert.Equal("t5:t5-tiny-all", result.Generator);
    }

    [Fact]
    public void ModelInputJoinsTitleAndText()
    {
        Assert.Equal("Title body", T5QueryGenerator.ModelInput(new PassageInput("x", "Title", "body")));
        Assert.Equal("body", T5QueryGenerator.ModelInput(new PassageInput("x", " ", "body")));
    }
}
