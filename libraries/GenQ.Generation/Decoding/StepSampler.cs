using System.Collections.Concurrent;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Draws the next token of every row of one decoder step, rows spread over threads (a <see cref="TokenSampler"/> per
/// thread). On a GPU the decoder step takes milliseconds and a row's softmax and nucleus over a 32k vocabulary
/// about 0.1 ms of one core, so with dozens of rows a single-threaded sampler would be what the step waits for.
/// Each row's draw uses its own uniform, so the result does not depend on which thread sampled it.
/// </summary>
internal sealed class StepSampler(GenerationOptions options, IReadOnlyList<long> eosTokenIds)
{
    // Below this many rows a step samples on the calling thread: handing work to the pool costs more than it saves.
    private const int ParallelRows = 4;

    private readonly ConcurrentBag<TokenSampler> _samplers = [];
    private readonly ParallelOptions _parallel = new()
    {
        // The generator's share of the cores (IntraOpThreads: the AppHost splits cores among replicas).
        MaxDegreeOfParallelism = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount,
    };

    /// <summary>One row to sample: its slot in the logits, whether EOS is suppressed, its uniform draw.</summary>
    public readonly record struct Row(int Slot, bool SuppressEos, double Uniform);

    /// <summary>Writes rows[i]'s token to <paramref name="next"/>[i]; <paramref name="logits"/> is [slots, vocab].</summary>
    public void Sample(float[] logits, int vocab, Row[] rows, int count, long[] next)
    {
        if (count < ParallelRows || _parallel.MaxDegreeOfParallelism == 1)
        {
            var sampler = Rent();
            for (var i = 0; i < count; i++)
            {
                next[i] = SampleRow(sampler, logits, vocab, rows[i]);
            }

            _samplers.Add(sampler);
            return;
        }

        Parallel.For(0, count, _parallel, Rent, (i, _, sampler) =>
        {
            next[i] = SampleRow(sampler, logits, vocab, rows[i]);
            return sampler;
        }, _samplers.Add);
    }

    private TokenSampler Rent() => _samplers.TryTake(out var sampler) ? sampler : new TokenSampler(options, eosTokenIds);

    private static long SampleRow(TokenSampler sampler, float[] logits, int vocab, Row row) =>
        sampler.Next(logits.AsSpan(row.Slot * vocab, vocab), row.SuppressEos, row.Uniform);
}
