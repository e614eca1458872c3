using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Tests.Decoding;

/// <summary><see cref="T5Seq2SeqGenerator.GenerateInBatches"/>: BatchSize passages at a time, passage indices of the whole call.</summary>
public sealed class BatchedGenerationTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    private static readonly string[] Passages = ShortPassages.All;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchesAreDecodedInTurnWithTheDrawsOfOneRandomAndPassageIndicesOfTheWholeCall(bool merged)
    {
        using var model = T5OnnxModel.Load(models.Eos, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: merged);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Passages.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();
        var options = new GenerationOptions { TopP = 0.95, QueriesPerPassage = 3, MaxNewTokens = 24, BatchSize = 2 };

        var inBatches = generator.GenerateInBatches(inputs, options, new Random(9), default);

        // 5 passages in batches of 2, 2 and 1, one Random through all three.
        var random = new Random(9);
        var expected = inputs.Chunk(2).SelectMany(chunk => generator.Generate(chunk, options, random, default)).ToList();
        Assert.Equal(Enumerable.Range(0, inputs.Count * 3).Select(r => r / 3), inBatches.Select(r => r.PassageIndex));
        Assert.Equal(expected.Select(r => r.Tokens), inBatches.Select(r => r.Tokens));
    }

    [Fact]
    public void GreedyOutputPerPassageDoesNotDependOnTheBatchSize()
    {
        using var model = T5OnnxModel.Load(models.Eos, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Passages.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();
        var options = new GenerationOptions { Greedy = true, QueriesPerPassage = 2, MaxNewTokens = 24 };

        var alone = inputs.Select(input => generator.Generate([input], options, new Random(1), default)).SelectMany(r => r).ToList();
        var inBatches = generator.GenerateInBatches(inputs, options with { BatchSize = 3 }, new Random(1), default);

        Assert.Equal(alone.Select(r => r.Tokens), inBatches.Select(r => r.Tokens));
        Assert.True(alone.Select(r => string.Join(",", r.Tokens)).Distinct().Count() >= inputs.Count - 1, "passages should decode differently, so a row reading another passage's cache would show");
    }
}
