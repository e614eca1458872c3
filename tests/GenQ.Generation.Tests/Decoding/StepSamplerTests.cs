using GenQ.Generation.Decoding;

namespace GenQ.Generation.Tests.Decoding;

public sealed class StepSamplerTests
{
    [Fact]
    public void RowsSampledAcrossThreadsGetTheTokensOneSamplerGivesThemInTurn()
    {
        const int vocab = 4096;
        const int rows = 48;
        var random = new Random(3);
        var logits = Enumerable.Range(0, rows * vocab).Select(_ => (float)(3 * random.NextDouble())).ToArray();
        var options = new GenerationOptions { TopP = 0.95, IntraOpThreads = 4 };
        var batch = Enumerable.Range(0, rows).Select(r => new StepSampler.Row(Slot: rows - 1 - r, SuppressEos: r % 5 == 0, Uniform: random.NextDouble())).ToArray();

        var reference = new TokenSampler(options, [1]);
        var expected = batch.Select(row => (long)reference.Next(logits.AsSpan(row.Slot * vocab, vocab), row.SuppressEos, row.Uniform)).ToArray();

        var sampler = new StepSampler(options, [1]);
        for (var round = 0; round < 5; round++)
        {
            var next = new long[rows];
            sampler.Sample(logits, vocab, batch, rows, next);
            Assert.Equal(expected, next);
        }

        Assert.DoesNotContain(1L, batch.Select((row, i) => row.SuppressEos ? expected[i] : -1));
    }
}
