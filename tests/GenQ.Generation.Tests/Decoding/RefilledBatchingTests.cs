using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Tests.Decoding;

/// <summary>
/// Refilled batching: passages start as rows of earlier ones finish. Per passage the output must be plain batching's
/// token for token, and a seed must reproduce a run.
/// </summary>
public sealed class RefilledBatchingTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    private static readonly string[] Passages =
    [
        "The present study is a history of the Dewey Decimal Classification.",
        "correlation between maternal and fetal plasma levels of glucose and free fatty acids",
        "experimental investigation of the aerodynamics of a wing in a slipstream",
        string.Join(' ', Enumerable.Repeat("library classification and indexing of scientific documents", 12)),
        "information retrieval evaluation",
        "glucose levels in plasma",
        "aerodynamics of wings",
        "Поиск информации в больших коллекциях документов",
        "a survey of query expansion for ad hoc retrieval",
        "free fatty acids in fetal plasma",
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RefilledGreedyEqualsEachPassageDecodedAloneAndPlainBatches(bool merged)
    {
        using var model = Load(models.Eos, merged);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages);
        var options = Options(sampled: false);
        var admissions = new List<(int First, int Count, int Step)>();

        var refilled = generator.GenerateRefilled(inputs, options, new Random(1), default, admissions: admissions);

        // Rows stop by themselves at different steps here, so later passages start while earlier ones still run.
        Assert.Contains(admissions, a => a.Step > 0);
        Assert.Equal(inputs.Count, admissions.Sum(a => a.Count));
        AssertSameAsPlain(generator, inputs, options, refilled, endSchedule: null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RefilledRowsFollowTheEosScheduleAndMatchPlainBatching(bool merged)
    {
        using var model = Load(models.All, merged);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages);
        var options = Options(sampled: false);

        // Batch of 4 passages: passages 0 and 1 end after 2 tokens, so passages 4 and 5 start at round 2 beside 2 and 3.
        var schedule = Enumerable.Range(0, inputs.Count * 3).Select(r => r / 3 is 0 or 1 ? 2 : 5 + (r % 7)).ToArray();
        var admissions = new List<(int First, int Count, int Step)>();
        var refilled = generator.GenerateRefilled(inputs, options, new Random(1), default, schedule, admissions);

        Assert.Equal((4, 2, 2), admissions[1]);
        Assert.Equal(schedule, refilled.Select(r => r.Tokens.Length));
        Assert.All(refilled, r => Assert.Equal(model.Config.EosTokenId, r.Tokens[^1]));
        AssertSameAsPlain(generator, inputs, options, refilled, schedule);
    }

    [Fact]
    public void ASeedReproducesARefilledRun()
    {
        using var model = Load(models.Eos, merged: true);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages);
        var options = Options(sampled: true);

        string Run(int seed) => string.Join("|", generator.GenerateRefilled(inputs, options, new Random(seed), default).Select(s => $"{s.PassageIndex}:{string.Join(",", s.Tokens)}"));

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void BatchSizeOneIsPassageAfterPassageWithTheSameDraws()
    {
        using var model = Load(models.Eos, merged: true);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages.Take(4));
        var options = Options(sampled: true) with { BatchSize = 1 };
        var admissions = new List<(int First, int Count, int Step)>();

        var refilled = generator.GenerateRefilled(inputs, options, new Random(5), default, admissions: admissions);
        var random = new Random(5);
        var plain = inputs.SelectMany(i => generator.Generate([i], options, random, default)).ToList();

        Assert.Equal(Enumerable.Range(0, inputs.Count), admissions.Select(a => a.First));
        Assert.All(admissions, a => Assert.Equal(1, a.Count));
        Assert.Equal(Enumerable.Range(0, inputs.Count * 3).Select(r => r / 3), refilled.Select(r => r.PassageIndex));
        Assert.Equal(plain.Select(r => r.Tokens), refilled.Select(r => r.Tokens));
    }

    [Fact]
    public void InBatchesWithoutRefillingIsFixedBatchesWithPassageIndicesOfTheWholeCall()
    {
        // The CUDA default (RefillBatches off): BatchSize passages at a time, each batch decoded to its end; the draws
        // run through one Random in batch order, so a seed gives what the batches decoded one after another give.
        using var model = Load(models.Eos, merged: true);
        var fixedBatches = new T5Seq2SeqGenerator(model) { RefillBatches = false };
        var inputs = Tokenize(model, Passages);
        var options = Options(sampled: true);

        var inBatches = fixedBatches.GenerateInBatches(inputs, options, new Random(9), default);

        var random = new Random(9);
        var expected = inputs.Chunk(4).SelectMany(chunk => fixedBatches.Generate(chunk, options, random, default)).ToList();
        Assert.Equal(Enumerable.Range(0, inputs.Count * 3).Select(r => r / 3), inBatches.Select(r => r.PassageIndex));
        Assert.Equal(expected.Select(r => r.Tokens), inBatches.Select(r => r.Tokens));
        Assert.Equal(
            new T5Seq2SeqGenerator(model).GenerateRefilled(inputs, options with { Greedy = true }, new Random(1), default).Select(r => r.Tokens),
            fixedBatches.GenerateInBatches(inputs, options with { Greedy = true }, new Random(1), default).Select(r => r.Tokens));
    }

    private static void AssertSameAsPlain(T5Seq2SeqGenerator generator, List<long[]> inputs, GenerationOptions options, IReadOnlyList<GeneratedSequence> refilled, int[]? endSchedule)
    {
        var queries = options.QueriesPerPassage;
        Assert.Equal(inputs.Count * queries, refilled.Count);
        var outputs = new HashSet<string>();
        for (var p = 0; p < inputs.Count; p++)
        {
            var own = refilled.Skip(p * queries).Take(queries).ToList();
            Assert.All(own, r => Assert.Equal(p, r.PassageIndex));
            var alone = generator.Generate([inputs[p]], options, new Random(1), default, endSchedule?[(p * queries)..((p + 1) * queries)]);
            Assert.Equal(alone.Select(r => r.Tokens), own.Select(r => r.Tokens));
            Assert.Equal(alone.Select(r => r.EndedWithEos), own.Select(r => r.EndedWithEos));
            outputs.Add(string.Join(",", own[0].Tokens));
        }

        // Passages decode differently, so a row reading another passage's cache would show.
        Assert.True(outputs.Count >= inputs.Count - 1);

        var batches = inputs.Chunk(options.BatchSize).Select((chunk, b) => generator.Generate(chunk, options, new Random(1), default,
            endSchedule?[(b * options.BatchSize * queries)..((b * options.BatchSize + chunk.Length) * queries)]));
        Assert.Equal(batches.SelectMany(rows => rows).Select(r => r.Tokens), refilled.Select(r => r.Tokens));
    }

    private static GenerationOptions Options(bool sampled) =>
        new() { Greedy = !sampled, TopP = 0.95, QueriesPerPassage = 3, MaxNewTokens = 24, BatchSize = 4, Provider = ExecutionProviderPreference.Cpu };

    private static List<long[]> Tokenize(T5OnnxModel model, IEnumerable<string> texts) =>
        texts.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();

    private static T5OnnxModel Load(string folder, bool merged) =>
        T5OnnxModel.Load(folder, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: merged);
}
