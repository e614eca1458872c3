using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Tests.Decoding;

/// <summary>
/// The first decoder step runs once per passage and its cache rows are replicated for the passage's sequences: the
/// output must be plain batching's token for token, and no row may read another passage's cache.
/// </summary>
public sealed class FirstStepSharingTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    private static readonly string[] Passages =
    [
        "The present study is a history of the Dewey Decimal Classification.",
        "correlation between maternal and fetal plasma levels of glucose and free fatty acids",
        "experimental investigation of the aerodynamics of a wing in a slipstream",
        string.Join(' ', Enumerable.Repeat("library classification and indexing of scientific documents", 12)),
        "information retrieval evaluation",
        "glucose levels in plasma",
    ];

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    [InlineData(false, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, true, true)]
    public void SharedFirstStepGivesPlainBatchingsOutputTokenForToken(bool merged, bool eosModel, bool sampled)
    {
        using var model = Load(eosModel ? models.Eos : models.All, merged);
        var inputs = Tokenize(model, Passages);
        var options = Options(sampled);

        var shared = new T5Seq2SeqGenerator(model).Generate(inputs, options, new Random(9), default);
        var plain = new T5Seq2SeqGenerator(model) { ShareFirstStep = false }.Generate(inputs, options, new Random(9), default);

        Assert.Equal(inputs.Count * options.QueriesPerPassage, shared.Count);
        Assert.Equal(plain.Select(r => r.PassageIndex), shared.Select(r => r.PassageIndex));
        Assert.Equal(plain.Select(r => r.Tokens), shared.Select(r => r.Tokens));
        Assert.Equal(plain.Select(r => r.EndedWithEos), shared.Select(r => r.EndedWithEos));
        if (eosModel)
        {
            // Rows finish at different steps, so the replicated cache is also cut down row by row.
            Assert.True(shared.Select(r => r.Tokens.Length).Distinct().Count() > 1);
        }

        if (sampled)
        {
            // The sequences of one passage start from the same logits but draw differently.
            Assert.Contains(shared.Chunk(options.QueriesPerPassage), rows => rows.Select(r => string.Join(",", r.Tokens)).Distinct().Count() > 1);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EachPassagesRowsAreThatPassageDecodedAloneWhateverTheBatch(bool merged)
    {
        using var model = Load(models.Eos, merged);
        var generator = new T5Seq2SeqGenerator(model);
        var inputs = Tokenize(model, Passages);
        var options = Options(sampled: false);
        var queries = options.QueriesPerPassage;

        var alone = inputs.Select(i => generator.Generate([i], options, new Random(1), default).Select(r => r.Tokens).ToList()).ToList();
        var together = generator.Generate(inputs, options, new Random(1), default);
        var reversed = generator.Generate(inputs.AsEnumerable().Reverse().ToList(), options, new Random(1), default);

        // Different passages decode differently, so a row reading another passage's cache would show.
        Assert.Equal(inputs.Count, alone.Select(rows => string.Join(",", rows[0])).Distinct().Count());
        for (var p = 0; p < inputs.Count; p++)
        {
            Assert.All(alone[p], tokens => Assert.Equal(alone[p][0], tokens));
            Assert.Equal(alone[p], together.Skip(p * queries).Take(queries).Select(r => r.Tokens));
            Assert.All(together.Skip(p * queries).Take(queries), r => Assert.Equal(p, r.PassageIndex));
            Assert.Equal(alone[p], reversed.Skip((inputs.Count - 1 - p) * queries).Take(queries).Select(r => r.Tokens));
        }
    }

    [Fact]
    public void SharedFirstStepWithOneSequencePerPassageEqualsPlainBatching()
    {
        using var model = Load(models.All, merged: true);
        var inputs = Tokenize(model, Passages);
        var options = Options(sampled: true) with { QueriesPerPassage = 1 };
        var shared = new T5Seq2SeqGenerator(model).Generate(inputs, options, new Random(4), default);
        var plain = new T5Seq2SeqGenerator(model) { ShareFirstStep = false }.Generate(inputs, options, new Random(4), default);
        Assert.Equal(plain.Select(r => r.Tokens), shared.Select(r => r.Tokens));
    }

    private static GenerationOptions Options(bool sampled) =>
        new() { Greedy = !sampled, TopP = 0.95, QueriesPerPassage = 3, MaxNewTokens = 24, Provider = ExecutionProviderPreference.Cpu };

    private static List<long[]> Tokenize(T5OnnxModel model, IEnumerable<string> texts) =>
        texts.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();

    private static T5OnnxModel Load(string folder, bool merged) =>
        T5OnnxModel.Load(folder, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: merged);
}
