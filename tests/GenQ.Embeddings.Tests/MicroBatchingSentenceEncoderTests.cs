using System.Numerics.Tensors;
using GenQ.Embeddings.Inference;

namespace GenQ.Embeddings.Tests;

public sealed class MicroBatchingSentenceEncoderTests(BaseModelFixture fixture) : IClassFixture<BaseModelFixture>
{
    private static readonly string[] Queries =
    [
        "what similarity laws must be obeyed when constructing aeroelastic models of heated high speed aircraft",
        "boundary layer transition",
        "heat transfer to a blunt body",
        "why?",
        "can the transverse potential flow about a body of revolution be calculated efficiently by an electronic computer",
        "shock wave",
        "what are the structural and aeroelastic problems associated with flight of high speed aircraft",
        "laminar flow",
    ];

    [Fact]
    public async Task ConcurrentCallsShareOneBatchAndEachGetsItsOwnVectors()
    {
        using var gated = new GatedEncoder(fixture.Encoder, holdFirstCall: true);
        using var batcher = new MicroBatchingSentenceEncoder(gated, maxTextsPerBatch: 32, ownsInner: false);

        var first = batcher.EncodeAsync([Queries[0]]);
        Assert.True(await gated.FirstCallStarted.WaitAsync(TimeSpan.FromSeconds(30)), "the first call did not start at once");
        // While the first batch runs, the rest queue up: one request of two texts, the others of one.
        var rest = new List<(string[] Texts, Task<float[][]> Task)> { ([Queries[1], Queries[2]], batcher.EncodeAsync([Queries[1], Queries[2]])) };
        rest.AddRange(Queries.Skip(3).Select(q => (new[] { q }, batcher.EncodeAsync([q]))));
        gated.Release();

        AssertSame(fixture.Encoder.Encode([Queries[0]]), await first);
        foreach (var (texts, task) in rest)
        {
            var vectors = await task;
            Assert.Equal(texts.Length, vectors.Length);
            for (var i = 0; i < texts.Length; i++)
            {
                AssertSame(fixture.Encoder.Encode([texts[i]]), [vectors[i]]);
            }
        }

        Assert.Equal(2, gated.Calls.Count); // the lone first call, then everything that waited, together
        Assert.Equal(Queries.Length - 1, gated.Calls[1].Count);
        Assert.Equal(2, batcher.BatchCount);
        Assert.Equal(Queries.Length, batcher.TextCount);
    }

    [Fact]
    public async Task ManyConcurrentCallersGetVectorsEqualToEncodingAlone()
    {
        using var batcher = new MicroBatchingSentenceEncoder(fixture.Encoder, ownsInner: false);
        var tasks = Enumerable.Range(0, 48).Select(i => Task.Run(() => batcher.EncodeAsync([Queries[i % Queries.Length] + " " + i]))).ToArray();
        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < tasks.Length; i++)
        {
            AssertSame(fixture.Encoder.Encode([Queries[i % Queries.Length] + " " + i]), results[i]);
        }

        Assert.Equal(48, batcher.TextCount);
        Assert.InRange(batcher.BatchCount, 1, 48);
    }

    [Fact]
    public async Task AFailingTextFailsOnlyItsOwnCaller()
    {
        using var gated = new GatedEncoder(fixture.Encoder, holdFirstCall: true);
        using var batcher = new MicroBatchingSentenceEncoder(gated, ownsInner: false);
        var first = batcher.EncodeAsync([Queries[0]]);
        await gated.FirstCallStarted.WaitAsync(TimeSpan.FromSeconds(30));
        var good = batcher.EncodeAsync([Queries[1]]);
        var bad = batcher.EncodeAsync([GatedEncoder.Poison]);
        var alsoGood = batcher.EncodeAsync([Queries[2]]);
        gated.Release();

        await first;
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => bad);
        Assert.Equal("poisoned text", error.Message);
        AssertSame(fixture.Encoder.Encode([Queries[1]]), await good);
        AssertSame(fixture.Encoder.Encode([Queries[2]]), await alsoGood);
    }

    [Fact]
    public async Task ACancelledWaitingCallerStopsWaitingAndIsNotEncoded()
    {
        using var gated = new GatedEncoder(fixture.Encoder, holdFirstCall: true);
        using var batcher = new MicroBatchingSentenceEncoder(gated, ownsInner: false);
        var first = batcher.EncodeAsync([Queries[0]]);
        await gated.FirstCallStarted.WaitAsync(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.EncodeAsync(["this caller gives up"], cancel.Token);
        var kept = batcher.EncodeAsync([Queries[1]]);
        await cancel.CancelAsync();

        // The cancelled caller is released before the running batch ends.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(first.IsCompleted);
        gated.Release();
        await first;
        AssertSame(fixture.Encoder.Encode([Queries[1]]), await kept);
        Assert.DoesNotContain(gated.Calls, call => call.Contains("this caller gives up"));
    }

    [Fact]
    public async Task BadArgumentsAreRejectedAtTheCall()
    {
        using var batcher = new MicroBatchingSentenceEncoder(fixture.Encoder, ownsInner: false);
        Assert.Empty(await batcher.EncodeAsync([]));
        var error = Assert.Throws<ArgumentException>(() => { _ = batcher.EncodeAsync(["fine", null!]); }); // thrown at the call, not in the task
        Assert.Contains("texts[1]", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batcher.EncodeAsync(["x"], new CancellationToken(canceled: true)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MicroBatchingSentenceEncoder(fixture.Encoder, maxTextsPerBatch: 0, ownsInner: false));
    }

    private static void AssertSame(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(expected[i], actual[i]) > 0.99999f, $"vector {i} differs from encoding alone");
        }
    }
}
