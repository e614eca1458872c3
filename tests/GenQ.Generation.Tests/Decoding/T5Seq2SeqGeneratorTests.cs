using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Tests.Decoding;

public sealed class T5Seq2SeqGeneratorTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    private static readonly string[] Passages =
    [
        "The present study is a history of the Dewey Decimal Classification.",
        "correlation between maternal and fetal plasma levels of glucose and free fatty acids",
        "experimental investigation of the aerodynamics of a wing in a slipstream",
        "Поиск информации в больших коллекциях документов",
    ];

    private static GenerationOptions Greedy(int maxNew = 20, int queries = 1) =>
        new() { Greedy = true, MaxNewTokens = maxNew, QueriesPerPassage = queries, Provider = ExecutionProviderPreference.Cpu };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void KvCachedGreedyEqualsFullRecomputeTokenForToken(bool merged)
    {
        using var model = Load(models.All, merged);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages);

        var cached = generator.Generate(inputs, Greedy() with { Decoding = DecodingStrategy.KvCache }, new Random(1), default);
        var full = generator.Generate(inputs, Greedy() with { Decoding = DecodingStrategy.FullRecompute }, new Random(1), default);

        Assert.Equal(inputs.Count, cached.Count);
        Assert.All(cached, s => Assert.Equal(20, s.Tokens.Length));
        for (var i = 0; i < cached.Count; i++)
        {
            Assert.Equal(full[i].Tokens, cached[i].Tokens);
        }

        // Not a degenerate model: different passages give different continuations.
        Assert.True(cached.Select(s => string.Join(",", s.Tokens)).Distinct().Count() > 1);
    }

    [Fact]
    public void SeparateAndMergedDecodersGiveTheSameGreedyTokens()
    {
        using var separate = Load(models.Separate, merged: false);
        using var merged = Load(models.Merged, merged: true);
        var inputs = Tokenize(separate, Passages);
        var a = new T5Seq2SeqGenerator(separate).Generate(inputs, Greedy(), new Random(1), default);
        var b = new T5Seq2SeqGenerator(merged).Generate(inputs, Greedy(), new Random(1), default);
        Assert.Equal(a.Select(s => s.Tokens), b.Select(s => s.Tokens));
    }

    [Fact]
    public void SameSeedGivesSameSamplesAndOtherSeedsDiffer()
    {
        using var model = Load(models.All, merged: true);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages);
        var options = new GenerationOptions { MaxNewTokens = 12, QueriesPerPassage = 3, TopP = 0.95 };

        string Run(int seed) => string.Join("|", generator.Generate(inputs, options, new Random(seed), default).Select(s => string.Join(",", s.Tokens)));

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void TopPZeroEqualsGreedy()
    {
        using var model = Load(models.All, merged: true);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages);
        var greedy = generator.Generate(inputs, Greedy(queries: 2), new Random(1), default);
        var nucleus = generator.Generate(inputs, Greedy(queries: 2) with { Greedy = false, TopP = 0, Temperature = 1.7 }, new Random(7), default);
        Assert.Equal(greedy.Select(s => s.Tokens), nucleus.Select(s => s.Tokens));
    }

    [Fact]
    public void NumReturnSequencesGivesThatManyRowsPerPassageAndSamplingVariesThem()
    {
        using var model = Load(models.All, merged: true);
        var inputs = Tokenize(model, Passages.Take(2));
        var rows = new T5Seq2SeqGenerator(model).Generate(inputs, new GenerationOptions { QueriesPerPassage = 5, MaxNewTokens = 10 }, new Random(3), default);
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], rows.Select(r => r.PassageIndex));
        Assert.True(rows.Take(5).Select(r => string.Join(",", r.Tokens)).Distinct().Count() > 1);
    }

    [Fact]
    public void BatchCompositionDoesNotChangeGreedyOutput()
    {
        using var model = Load(models.All, merged: true);
        var generator = new T5Seq2SeqGenerator(model);
        var longPassage = string.Join(' ', Enumerable.Repeat("library classification and indexing of scientific documents", 12));
        var texts = Passages.Append(longPassage).ToArray();
        var inputs = Tokenize(model, texts);

        var together = generator.Generate(inputs, Greedy(), new Random(1), default);
        var reversed = generator.Generate(inputs.AsEnumerable().Reverse().ToList(), Greedy(), new Random(1), default);
        for (var i = 0; i < inputs.Count; i++)
        {
            var alone = generator.Generate([inputs[i]], Greedy(), new Random(1), default);
            Assert.Equal(alone[0].Tokens, together[i].Tokens);
            Assert.Equal(alone[0].Tokens, reversed[inputs.Count - 1 - i].Tokens);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EosStopsOneSequenceWhileTheOthersContinue(bool merged)
    {
        using var model = Load(models.Eos, merged);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages.Concat(["information retrieval evaluation", "aerodynamics of wings", "glucose levels in plasma"]));
        var options = Greedy(maxNew: 30);
        var rows = generator.Generate(inputs, options, new Random(1), default);
        var eos = model.Config.EosTokenId;

        var stopped = rows.Where(r => r.EndedWithEos).ToList();
        Assert.NotEmpty(stopped);
        Assert.All(stopped, r => Assert.Equal(eos, r.Tokens[^1]));
        Assert.All(rows, r => Assert.DoesNotContain(eos, r.Tokens[..^1]));
        Assert.Contains(rows, r => r.Tokens.Length > stopped.Min(s => s.Tokens.Length));

        // A row that stopped early must equal the same passage decoded alone, as must a row that kept going.
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.Equal(generator.Generate([inputs[i]], options, new Random(1), default)[0].Tokens, rows[i].Tokens);
        }

        var full = generator.Generate(inputs, options with { Decoding = DecodingStrategy.FullRecompute }, new Random(1), default);
        Assert.Equal(full.Select(r => r.Tokens), rows.Select(r => r.Tokens));
    }

    [Fact]
    public void MinNewTokensSuppressesEos()
    {
        using var model = Load(models.Eos, merged: false);
        var inputs = Tokenize(model, Passages);
        var rows = new T5Seq2SeqGenerator(model).Generate(inputs, Greedy(maxNew: 16) with { MinNewTokens = 16 }, new Random(1), default);
        Assert.All(rows, r => Assert.Equal(16, r.Tokens.Length));
        Assert.All(rows, r => Assert.DoesNotContain(model.Config.EosTokenId, r.Tokens));
    }

    [Fact]
    public void CancellationStopsGeneration()
    {
        using var model = Load(models.All, merged: true);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new T5Seq2SeqGenerator(model).Generate(Tokenize(model, Passages), Greedy(), new Random(1), cancelled.Token));
    }

    private static List<long[]> Tokenize(T5OnnxModel model, IEnumerable<string> texts) =>
        texts.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();

    private static T5OnnxModel Load(string folder, bool merged) =>
        T5OnnxModel.Load(folder, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: merged);
}
