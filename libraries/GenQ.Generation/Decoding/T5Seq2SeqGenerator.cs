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
    /// Whether <see cref="GenerateInBatches"/> refills batches. Default: on CPU, where refilling measured 1.29x the
    /// passages/s of fixed batches of 8; off on CUDA, where it measured 0.73-0.88x at batch 8 and 0.96-1.04x at 32 on an
    /// H200 (docs/benchmarks/generation.md): a refilled batch runs each cohort as its own decoder call, and a GPU
    /// decoder call costs its kernel launches however few rows it has. Settable for the tests.
    /// </summary>
    internal bool? RefillBatches { get; init; }

    /// <summary>
    /// Every passage of <paramref name="inputs"/>, at most BatchSize passages in flight: refilled batches on CPU,
    /// fixed batches on CUDA (<see cref="RefillBatches"/>). What <see cref="T5QueryGenerator"/> runs.
    /// </summary>
    public IReadOnlyList<GeneratedSequence> GenerateInBatches(IReadOnlyList<long[]> inputs, GenerationOptions options, Random random, CancellationToken cancellationToken)
    {
        if (RefillBatches ?? model.Provider != "cuda")
        {
            return GenerateRefilled(inputs, options, random, cancellationToken);
        }

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
            using var cohort = new DecodingCohort(model, inputs, 0, options, sampler, ShareFirstStep, endSchedule?.ToArray(), runOptions, CompactLazily, BindsCache);
            while (!cohort.Done)
            {
                cancellationToken.ThrowIfCancellationRequested();
                cohort.Step(random);
            }

            return cohort.Results().ToList();
        });

    /// <summary>
    /// Refilled batching, what <see cref="T5QueryGenerator"/> runs (1.28-1.32x the passages/s of fixed batches at batch
    /// 8 on 32 passages, docs/benchmarks/generation.md): all <paramref name="inputs"/> in one call, at most BatchSize
    /// passages' rows in flight. When rows finish, the next
    /// passages are encoded and start as a new cohort once at least half a batch of them fits (or the rest of the
    /// passages, or nothing else is running). A cohort cannot join the running rows: the T5 decoder takes no decoder
    /// attention mask and derives positions from the cache length, so every row of one decoder call must be at the same
    /// step; cohorts therefore run as separate decoder calls each step. Rows are independent, so greedy output equals
    /// plain batching's; a seed reproduces a run (draws: per step, per cohort in admission order, one per row).
    /// </summary>
    /// <param name="admissions">when given, receives (first passage, passages, decoding round it started at) per cohort.</param>
    internal IReadOnlyList<GeneratedSequence> GenerateRefilled(IReadOnlyList<long[]> inputs, GenerationOptions options, Random random, CancellationToken cancellationToken,
        IReadOnlyList<int>? endSchedule = null, IList<(int First, int Count, int Step)>? admissions = null) =>
        Run(inputs, options, endSchedule, cancellationToken, runOptions =>
        {
            var repeats = options.QueriesPerPassage;
            var capacity = options.BatchSize * repeats;
            var sampler = new StepSampler(options, model.Config.EosTokenIds);
            var results = new GeneratedSequence[inputs.Count * repeats];
            var cohorts = new List<(DecodingCohort Cohort, int FirstPassage)>();
            var next = 0;
            var step = 0;
            try
            {
                while (next < inputs.Count || cohorts.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var admit = Math.Min(inputs.Count - next, (capacity - cohorts.Sum(c => c.Cohort.ActiveRows)) / repeats);
                    if (admit > 0 && (cohorts.Count == 0 || admit == inputs.Count - next || admit >= Math.Max(1, options.BatchSize / 2)))
                    {
                        var schedule = endSchedule?.Skip(next * repeats).Take(admit * repeats).ToArray();
                        var slice = inputs.Skip(next).Take(admit).ToList();
                        cohorts.Add((new DecodingCohort(model, slice, next, options, sampler, ShareFirstStep, schedule, runOptions, CompactLazily, BindsCache), next));
                        admissions?.Add((next, admit, step));
                        next += admit;
                    }

                    foreach (var (cohort, _) in cohorts)
                    {
                        cohort.Step(random);
                    }

                    foreach (var (cohort, first) in cohorts.Where(c => c.Cohort.Done).ToList())
                    {
                        cohort.Results().ToList().CopyTo(results, first * repeats);
                        cohort.Dispose();
                        cohorts.Remove((cohort, first));
                    }

                    step++;
                }
            }
            finally
            {
                cohorts.ForEach(c => c.Cohort.Dispose());
            }

            return results;
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
