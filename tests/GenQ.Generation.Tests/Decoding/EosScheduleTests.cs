using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using GenQ.Generation.Testing.Decoding;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Tests.Decoding;

/// <summary>The benchmark's EOS schedule: every row stops exactly at its drawn length, never earlier, never later.</summary>
public sealed class EosScheduleTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    private static readonly string[] Passages = ShortPassages.All;

    [Theory]
    [InlineData(true, DecodingStrategy.KvCache, true)]
    [InlineData(false, DecodingStrategy.KvCache, true)]
    [InlineData(true, DecodingStrategy.KvCache, false)]
    [InlineData(false, DecodingStrategy.FullRecompute, false)]
    public void EveryRowStopsAtItsDrawnLength(bool merged, DecodingStrategy decoding, bool greedy)
    {
        // The EOS-boosted model stops by itself after some prefixes: the schedule must override that too.
        using var model = T5OnnxModel.Load(models.Eos, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: merged);
        var inputs = Passages.Select(p => model.Tokenizer.EncodeForModel(p, 300)).ToList();
        var options = new GenerationOptions { Greedy = greedy, QueriesPerPassage = 3, MaxNewTokens = 40, Decoding = decoding };
        var lengths = QueryLengthSchedule.Draw(inputs.Count * options.QueriesPerPassage, options.MaxNewTokens, seed: 5);
        Assert.True(lengths.Distinct().Count() > 3, "the schedule should vary");

        var rows = new T5Seq2SeqGenerator(model).Generate(inputs, options, new Random(1), default, lengths);

        var eos = model.Config.EosTokenId;
        Assert.Equal(lengths.Length, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(r / options.QueriesPerPassage, rows[r].PassageIndex);
            Assert.Equal(lengths[r], rows[r].Tokens.Length);
            Assert.True(rows[r].EndedWithEos);
            Assert.Equal(eos, rows[r].Tokens[^1]);
            Assert.DoesNotContain(eos, rows[r].Tokens[..^1]);
        }
    }

    [Fact]
    public void WithoutTheScheduleTheSameModelStopsEarlyByItself()
    {
        using var model = T5OnnxModel.Load(models.Eos, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance);
        var inputs = Passages.Select(p => model.Tokenizer.EncodeForModel(p, 300)).ToList();
        var rows = new T5Seq2SeqGenerator(model).Generate(inputs, new GenerationOptions { Greedy = true, QueriesPerPassage = 1, MaxNewTokens = 40 }, new Random(1), default);
        Assert.Contains(rows, r => r.EndedWithEos && r.Tokens.Length < 40);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(41)]
    public void ALengthOutsideOneToMaxNewTokensIsRejected(int length)
    {
        using var model = T5OnnxModel.Load(models.Eos, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance);
        var inputs = new List<long[]> { model.Tokenizer.EncodeForModel(Passages[0], 300) };
        var options = new GenerationOptions { Greedy = true, QueriesPerPassage = 2, MaxNewTokens = 40 };
        Assert.Throws<ArgumentException>(() => new T5Seq2SeqGenerator(model).Generate(inputs, options, new Random(1), default, [5, length]));
        Assert.Throws<ArgumentException>(() => new T5Seq2SeqGenerator(model).Generate(inputs, options, new Random(1), default, [5]));
    }
}
