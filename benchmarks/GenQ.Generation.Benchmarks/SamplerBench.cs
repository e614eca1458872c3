using System.Diagnostics;
using System.Text;
using GenQ.Benchmarking;
using GenQ.Generation.Decoding;
using GenQ.Generation.Testing.Decoding;

namespace GenQ.Generation.Benchmarks;

/// <summary>
/// <c>--sampler</c>: the host-side cost of drawing tokens, without a model. One <see cref="TokenSampler"/> on one
/// row at a time, then <see cref="StepSampler"/> on a step of rows across the bench's threads, on T5-sized rows
/// (32,128 logits) drawn from a normal distribution of several spreads: 0.3 is as flat as a random-weight model's
/// rows (the nucleus is most of the vocabulary), 8 as peaked as a trained model's (a handful of tokens).
/// On a GPU this is what a decoder step waits for between two model runs.
/// </summary>
internal static class SamplerBench
{
    private const int Vocab = 32128;
    private const int Rows = 96; // batch 32 x 3 queries per passage

    public static string Run(BenchSettings settings, TextWriter log)
    {
        var options = new GenerationOptions { TopP = 0.95, IntraOpThreads = settings.Threads };
        var report = new StringBuilder();
        report.AppendLine($"Machine: {BenchMachine.Describe()}");
        report.AppendLine($"Sampler: top_p {options.TopP}, vocabulary {Vocab}; one row at a time on one thread, and a step of {Rows} rows on {settings.Threads} threads; medians of {settings.Repeats} rounds of 2,000 rows each.");
        report.AppendLine();
        report.AppendLine("| logit spread | nucleus (tokens) | one row (µs) | a step of 96 rows (ms) | per row in a step (µs) |");
        report.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var spread in new[] { 0.3, 1.0, 3.0, 8.0 })
        {
            var random = new Random(1);
            var logits = Enumerable.Range(0, Vocab * Rows).Select(_ => (float)(spread * StandardNormal.Draw(random))).ToArray();
            var single = new TokenSampler(options, [1]);
            var nucleus = single.NucleusOf(logits.AsSpan(0, Vocab)).Length;
            var step = new StepSampler(options, [1]);
            var rows = Enumerable.Range(0, Rows).Select(r => new StepSampler.Row(r, false, random.NextDouble())).ToArray();
            var next = new long[Rows];
            var oneRow = new List<double>();
            var perStep = new List<double>();
            for (var round = 0; round < settings.Repeats + 1; round++) // the first round warms the JIT up
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < 2000; i++)
                {
                    single.Next(logits.AsSpan((i % Rows) * Vocab, Vocab), false, (i + 0.5) / 2000);
                }

                var rowMicroseconds = watch.Elapsed.TotalMicroseconds / 2000;
                watch.Restart();
                for (var s = 0; s < 2000 / Rows; s++)
                {
                    step.Sample(logits, Vocab, rows, Rows, next);
                }

                var stepMilliseconds = watch.Elapsed.TotalMilliseconds / (2000 / Rows);
                if (round > 0)
                {
                    oneRow.Add(rowMicroseconds);
                    perStep.Add(stepMilliseconds);
                }
            }

            var line = $"| {spread} | {nucleus} | {Median(oneRow):F1} | {Median(perStep):F2} | {Median(perStep) * 1000 / Rows:F1} |";
            log.WriteLine(line);
            report.AppendLine(line);
        }

        return report.ToString();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
