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

    /// <param name="inputs">token ids per passage, each ending with &lt;/s&gt;.</param>
    /// <param name="random">source of the sampling draws; unused when greedy.</param>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<long[]> inputs, GenerationOptions options, Random random, CancellationToken cancellationToken) =>
        Generate(inputs, options, random, cancellationToken, endSchedule: null);

    /// <summary>
    /// Benchmark and test seam, not a user option: with <paramref name="endSchedule"/>, row r (passage r / QueriesPerPassage)
    /// ends with EOS exactly at new token endSchedule[r] and EOS is suppressed before it, so a random-weight model decodes
    /// realistic query lengths. The sampler still runs on every row and step, so the cost is what a real model pays.
    /// </summary>
    internal IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<long[]> inputs, GenerationOptions options, Random random, CancellationToken cancellationToken, IReadOnlyList<int>? endSchedule)
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
            return Decode(inputs, options, random, endSchedule, runOptions, cancellationToken);
        }
        catch (OnnxRuntimeException e) when (cancellationToken.IsCancellationRequested)
        {
            // A cancelled token sets RunOptions.Terminate, which ONNX Runtime reports as a failed run.
            throw new OperationCanceledException("Generation was cancelled.", e, cancellationToken);
        }
    }

    private IReadOnlyList<GeneratedSequence> Decode(IReadOnlyList<long[]> inputs, GenerationOptions options, Random random, IReadOnlyList<int>? endSchedule, RunOptions runOptions, CancellationToken cancellationToken)
    {
        var repeats = options.QueriesPerPassage;
        var batch = EncodedBatch.Encode(model, inputs, runOptions);
        cancellationToken.ThrowIfCancellationRequested();

        var config = model.Config;
        var rows = inputs.Count * repeats;
        var vocab = config.VocabSize;
        var tokens = new List<long>[rows];
        var finished = new bool[rows];
        var lastTokens = new long[rows];
        Array.Fill(lastTokens, config.DecoderStartTokenId);
        for (var r = 0; r < rows; r++)
        {
            tokens[r] = new List<long>(options.MaxNewTokens);
        }

        var sampler = new TokenSampler(options, config.EosTokenIds);
        using var runner = new DecoderStepRunner(model, batch, Enumerable.Range(0, rows).Select(r => r / repeats).ToArray(), runOptions);
        var uniforms = new double[rows];
        var active = Enumerable.Range(0, rows).ToArray(); // batch row of each row still decoding
        for (var step = 0; step < options.MaxNewTokens && active.Length > 0; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (options.Decoding == DecodingStrategy.KvCache && step == 0)
            {
                runner.FirstStep(config.DecoderStartTokenId, ShareFirstStep);
            }
            else if (options.Decoding == DecodingStrategy.KvCache)
            {
                runner.CachedStep(active.Select(r => lastTokens[r]).ToArray());
            }
            else
            {
                runner.FullStep(Prefixes(active.Select(r => tokens[r]).ToArray(), config.DecoderStartTokenId, step), step + 1);
            }

            // Draws are taken for every row in order so a seed reproduces the run whatever finishes when.
            for (var r = 0; r < rows; r++)
            {
                uniforms[r] = random.NextDouble();
            }

            for (var slot = 0; slot < active.Length; slot++)
            {
                var r = active[slot];
                var suppressEos = step < options.MinNewTokens || step + 1 < endSchedule?[r];
                long next = sampler.Next(runner.Logits.AsSpan(slot * vocab, vocab), suppressEos, uniforms[r]);
                if (step + 1 == endSchedule?[r])
                {
                    next = config.EosTokenId;
                }

                tokens[r].Add(next);
                lastTokens[r] = next;
                finished[r] = config.EosTokenIds.Contains(next);
            }

            // Finished rows leave the batch: the rest continue on smaller tensors (rows are independent).
            if (active.Any(r => finished[r]))
            {
                var keep = Enumerable.Range(0, active.Length).Where(slot => !finished[active[slot]]).ToArray();
                active = keep.Select(slot => active[slot]).ToArray();
                if (active.Length > 0)
                {
                    runner.KeepRows(keep);
                }
            }
        }

        var result = new GeneratedSequence[rows];
        for (var r = 0; r < rows; r++)
        {
            result[r] = new GeneratedSequence(r / repeats, tokens[r].ToArray(), finished[r]);
        }

        return result;
    }

    /// <summary>[rows, step + 1]: the start token, then each (unfinished) row's tokens so far.</summary>
    private static long[] Prefixes(List<long>[] tokens, long startToken, int step)
    {
        var width = step + 1;
        var prefixes = new long[tokens.Length * width];
        for (var r = 0; r < tokens.Length; r++)
        {
            prefixes[r * width] = startToken;
            for (var t = 0; t < tokens[r].Count; t++)
            {
                prefixes[(r * width) + 1 + t] = tokens[r][t];
            }
        }

        return prefixes;
    }
}
