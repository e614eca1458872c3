using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Token-level T5 generation for one batch of tokenized passages: encoder once per passage, the first decoder step
/// once per passage (its logits and cache shared by the passage's rows), then one decoder step per new token for all
/// rows together (passage x returned sequence). A row that emits EOS is finished and leaves the batch while the
/// others go on; the batch stops when every row has finished or MaxNewTokens is reached.
/// </summary>
public sealed class T5Seq2SeqGenerator(T5OnnxModel model)
{
    public T5OnnxModel Model => model;

    /// <summary>
    /// Runs the first decoder step once per passage and replicates its cache rows (default), instead of once per row
    /// (plain batching). The output is the same token for token; the switch exists for the tests and the bench.
    /// </summary>
    internal bool ShareFirstStep { get; init; } = true;

    /// <summary>
    /// Finished rows leave the decoder's tensors once half of them are finished (default) instead of at every finish
    /// (each drop copies the whole cache). The output is the same token for token; the switch exists for the tests and the bench.
    /// </summary>
    internal bool CompactLazily { get; init; } = true;

    /// <summary>
    /// Keeps the decoder's key/value cache in the session's device memory between steps (ONNX Runtime I/O binding,
    /// rows moved by a gather on the device). Default: on CUDA, where it saves two host copies of the whole cache per
    /// step; off on CPU, where the host is the device and a plain Run already returns the cache in place. The output
    /// is the same token for token; the tests turn it on for CPU to check the bound path where no GPU is.
    /// </summary>
    internal bool? BindCacheToDevice { get; init; }

    private bool BindsCache => BindCacheToDevice ?? model.Provider == "cuda";

    /// <summary>
    /// Every passage of <paramref name="inputs"/>, BatchSize passages at a time, each batch decoded to its end; the
    /// draws run through <paramref name="random"/> in batch order. What <see cref="T5QueryGenerator"/> runs. Refilled
    /// batches (passages starting as earlier rows finish, as their own decoder calls) were measured and removed: once
    /// the cache copies reused memory they gave 0.92x the passages/s of fixed batches of 8 on CPU, and 0.73x on an
    /// H200 (docs/benchmarks/generation.md).
    /// </summary>
    public IReadOnlyList<GeneratedSequence> GenerateInBatches(IReadOnlyList<long[]> inputs, GenerationOptions options, Random random, CancellationToken cancellationToken)
    {
        var sequences = new List<GeneratedSequence>(inputs.Count * options.QueriesPerPassage);
        for (var start = 0; start < inputs.Count; start += options.BatchSize)
        {
            var batch = inputs.Skip(start).Take(options.BatchSize).ToList();
            sequences.AddRange(Generate(batch, options, random, cancellationToken).Select(s => s with { PassageIndex = start + s.PassageIndex }));
        }

        return sequences;
    }

    /// <param name="inputs">token ids per passage, each ending with &lt;/s&gt;.</param>
    /// <param name="random">source of the sampling draws; unused when greedy.</param>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<long[]> inputs, GenerationOptions options, Random random, CancellationToken cancellationToken) =>
        Generate(inputs, options, random, cancellationToken, endSchedule: null);

    /// <summary>
    /// Benchmark and test seam, not a user option: with <paramref name="endSchedule"/>, row r (passage r / QueriesPerPassage)
    /// ends with EOS exactly at new token endSchedule[r] and EOS is suppressed before it, so a random-weight model decodes
    /// realistic query lengths. The sampler still runs on every row and step, so the cost is what a real model pays.
    /// </summary>
    internal IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<long[]> inputs, GenerationOptions options, Random random, CancellationToken cancellationToken, IReadOnlyList<int>? endSchedule) =>
        Run(inputs, options, endSchedule, cancellationToken, runOptions =>
        {
            var sampler = new StepSampler(options, model.Config.EosTokenIds);
            using var cohort = new DecodingCohort(model, inputs, options, sampler, ShareFirstStep, endSchedule?.ToArray(), runOptions, CompactLazily, BindsCache);
            while (!cohort.Done)
            {
                cancellationToken.ThrowIfCancellationRequested();
                cohort.Step(random);
            }

            return cohort.Results().ToList();
        });

    private static IReadOnlyList<GeneratedSequence> Run(IReadOnlyList<long[]> inputs, GenerationOptions options, IReadOnlyList<int>? endSchedule,
        CancellationToken cancellationToken, Func<RunOptions, IReadOnlyList<GeneratedSequence>> decode)
    {
        ArgumentOutOfRangeException.ThrowIfZero(inputs.Count);
        options.Validate();
        if (inputs.Any(i => i.Length == 0))
        {
            throw new ArgumentException("Every input needs at least one token (</s>).", nameof(inputs));
        }

        if (endSchedule is not null && (endSchedule.Count != inputs.Count * options.QueriesPerPassage
            || endSchedule.Any(n => n < Math.Max(1, options.MinNewTokens) || n > options.MaxNewTokens)))
        {
            throw new ArgumentException("An EOS schedule needs one length per row, each in [max(1, MinNewTokens), MaxNewTokens].", nameof(endSchedule));
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            return decode(runOptions);
        }
        catch (OnnxRuntimeException e) when (cancellationToken.IsCancellationRequested)
        {
            // A cancelled token sets RunOptions.Terminate, which ONNX Runtime reports as a failed run.
            throw new OperationCanceledException("Generation was cancelled.", e, cancellationToken);
        }
    }
}
