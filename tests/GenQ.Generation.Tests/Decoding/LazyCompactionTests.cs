using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Tests.Decoding;

/// <summary>
/// Finished rows stay in the decoder's tensors until half of them are finished (lazy compaction) instead of leaving
/// at every finish: the output must be eager dropping's token for token, since rows are independent and a riding
/// row's logits are never read.
/// </summary>
public sealed class LazyCompactionTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    private static readonly string[] Passages = ShortPassages.All;

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void LazyCompactionGivesEagerDroppingsOutputTokenForToken(bool merged, bool sampled)
    {
        using var model = T5OnnxModel.Load(models.Eos, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: merged);
        var inputs = Passages.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();
        var options = new GenerationOptions { Greedy = !sampled, TopP = 0.95, QueriesPerPassage = 3, MaxNewTokens = 24 };

        var lazy = new T5Seq2SeqGenerator(model).Generate(inputs, options, new Random(5), default);
        var eager = new T5Seq2SeqGenerator(model) { CompactLazily = false }.Generate(inputs, options, new Random(5), default);

        Assert.Equal(eager.Select(r => r.Tokens), lazy.Select(r => r.Tokens));
        Assert.Equal(eager.Select(r => r.EndedWithEos), lazy.Select(r => r.EndedWithEos));
        Assert.True(lazy.Select(r => r.Tokens.Length).Distinct().Count() > 2, "rows must finish at several different steps for riding rows to occur");
    }

    /// <summary>The EOS schedule ends 15 rows at 15 different steps (2..16): most steps have riding rows, some compactions happen.</summary>
    [Fact]
    public void ScheduledLengthsAreHonouredWithRidingRows()
    {
        using var model = T5OnnxModel.Load(models.Merged, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance);
        var inputs = Passages.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();
        var schedule = Enumerable.Range(2, 15).ToArray();
        var options = new GenerationOptions { TopP = 0.95, QueriesPerPassage = 3, MaxNewTokens = 20 };

        var lazy = new T5Seq2SeqGenerator(model).Generate(inputs, options, new Random(3), default, schedule);
        var eager = new T5Seq2SeqGenerator(model) { CompactLazily = false }.Generate(inputs, options, new Random(3), default, schedule);

        Assert.Equal(schedule, lazy.Select(r => r.Tokens.Length));
        Assert.All(lazy, r => Assert.True(r.EndedWithEos));
        Assert.All(lazy, r => Assert.DoesNotContain(model.Config.EosTokenId, r.Tokens[..^1]));
        Assert.Equal(eager.Select(r => r.Tokens), lazy.Select(r => r.Tokens));
    }
}
