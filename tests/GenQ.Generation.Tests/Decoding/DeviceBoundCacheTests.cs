using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Tests.Decoding;

/// <summary>
/// The device-bound decoding path (I/O binding of the cache, rows replicated and dropped by the row-gather graph), the
/// default on CUDA, run here on the CPU provider where it can be checked: it must give the host path's output token for
/// token. What differs on a GPU is only where the bound tensors live; no GPU is on the build machines, so that part is
/// exercised by the generation bench on a lent device (docs/benchmarks/generation.md).
/// </summary>
public sealed class DeviceBoundCacheTests(TinyT5Models models) : IClassFixture<TinyT5Models>
{
    private static readonly string[] Passages = ShortPassages.All;

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void BoundCacheGivesTheHostPathsOutputTokenForToken(bool merged, bool sampled, bool lazy)
    {
        using var model = T5OnnxModel.Load(models.Eos, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: merged);
        var inputs = Passages.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();
        var options = new GenerationOptions { Greedy = !sampled, TopP = 0.95, QueriesPerPassage = 3, MaxNewTokens = 24 };

        var host = new T5Seq2SeqGenerator(model) { BindCacheToDevice = false, CompactLazily = lazy }.Generate(inputs, options, new Random(5), default);
        var bound = new T5Seq2SeqGenerator(model) { BindCacheToDevice = true, CompactLazily = lazy }.Generate(inputs, options, new Random(5), default);

        Assert.Equal(host.Select(r => r.Tokens), bound.Select(r => r.Tokens));
        Assert.Equal(host.Select(r => r.EndedWithEos), bound.Select(r => r.EndedWithEos));
        // Rows finish at several steps, so the bound path replicated and then dropped cache rows on the device.
        Assert.True(bound.Select(r => r.Tokens.Length).Distinct().Count() > 2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BoundCacheWithPlainFirstStepAndFixedBatchesMatchesTheHostPath(bool merged)
    {
        using var model = T5OnnxModel.Load(models.Eos, ExecutionProviderPreference.Cpu, 1, NullLogger.Instance, preferMergedDecoder: merged);
        var inputs = Passages.Select(t => model.Tokenizer.EncodeForModel(t, 300)).ToList();
        var options = new GenerationOptions { TopP = 0.95, QueriesPerPassage = 2, MaxNewTokens = 20, BatchSize = 2 };
        var schedule = Enumerable.Range(0, inputs.Count * 2).Select(i => 2 + (i * 7 % 17)).ToArray();

        var host = new T5Seq2SeqGenerator(model) { ShareFirstStep = false, BindCacheToDevice = false }.Generate(inputs, options, new Random(8), default, schedule);
        var bound = new T5Seq2SeqGenerator(model) { ShareFirstStep = false, BindCacheToDevice = true }.Generate(inputs, options, new Random(8), default, schedule);
        var batched = new T5Seq2SeqGenerator(model) { BindCacheToDevice = true }.GenerateInBatches(inputs, options, new Random(8), default);
        var batchedHost = new T5Seq2SeqGenerator(model) { BindCacheToDevice = false }.GenerateInBatches(inputs, options, new Random(8), default);

        Assert.Equal(schedule, bound.Select(r => r.Tokens.Length));
        Assert.Equal(host.Select(r => r.Tokens), bound.Select(r => r.Tokens));
        Assert.Equal(batchedHost.Select(r => r.Tokens), batched.Select(r => r.Tokens));
    }

    /// <summary>The graph alone: rows [2, 0, 0] of a [3, 2, 1, 2] tensor holding 0..11, i.e. 4 consecutive values per row.</summary>
    [Fact]
    public void RowGatherGraphSelectsAndRepeatsRowsInOrder()
    {
        using var session = new InferenceSession(RowGatherGraph.Build());
        using var data = OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), [3, 2, 1, 2]);
        using var rows = OrtValue.CreateTensorValueFromMemory(new long[] { 2, 0, 0 }, [3]);
        using var runOptions = new RunOptions();

        using var result = session.Run(runOptions, [RowGatherGraph.Data, RowGatherGraph.Rows], [data, rows], [RowGatherGraph.Selected]);

        Assert.Equal([3L, 2, 1, 2], result[0].GetTensorTypeAndShape().Shape);
        Assert.Equal([8f, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3], result[0].GetTensorDataAsSpan<float>().ToArray());
    }
}
