using System.Diagnostics;
using System.Globalization;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// <c>fusion [--passages N] [--rounds R] [--configs 1x2,2x1] [--variants unfused,mha,attention] [--session-runs 30] [--gemm true]
/// [--profile true]</c>: a session-only paired A/B (<see cref="FusionSessionAb"/>), then an interleaved A/B of fp32 encoding with and without the graph fusion (<see cref="FusionVariants"/>; same process, all
/// sessions open, the order rotating each round), ~60-token passages, batch 32; then the fp32 GEMM rate that bounds it
/// (<see cref="GemmProbe"/>). <c>--profile true</c> prints ONNX Runtime's kernel time per operator for each variant instead.
/// A config <c>TxP</c> is intra-op threads T with P concurrent batches. On a shared machine compare passages per CPU-second.
/// </summary>
internal static class FusionBenchmark
{
    private sealed record Sample(string Variant, string Config, double PassagesPerSecond, double PassagesPerCpuSecond, double Load);

    public static void Run(string[] args)
    {
        var passagesWanted = 512;
        var rounds = 4;
        var configs = new[] { (Threads: 1, Parallel: 2), (Threads: 2, Parallel: 1) };
        var gemm = true;
        var profile = false;
        var sessionRuns = 30;
        var variantNames = new[] { FusionVariants.Unfused, "mha", "attention" };
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option '{args[i]}' needs a value.");
            switch (args[i])
            {
                case "--passages": passagesWanted = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--gemm": gemm = bool.Parse(value); break;
                case "--profile": profile = bool.Parse(value); break;
                case "--session-runs": sessionRuns = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--variants": variantNames = value.Split(','); break;
                case "--configs":
                    configs = value.Split(',').Select(c => c.Split('x')).Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture))).ToArray();
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --passages --rounds --configs --variants --session-runs --gemm --profile.");
            }
        }

        Console.WriteLine($"Machine: {Machine.Description}");
        Console.WriteLine($"Load average at start: {Machine.LoadAverage}");
        var folder = BaseModelLocator.GetMiniLM();
        List<string> passages;
        using (var probe = BenchmarkModels.Open(folder, 1))
        {
            passages = EncodeBenchmark.Passages(probe, passagesWanted);
            Console.WriteLine($"{passages.Count} passages, mean {passages.Average(p => probe.Tokenizer.Encode(p, 512).Length):F1} tokens, batch 32, fp32, spinning off");
        }

        using var variants = new FusionVariants(folder, variantNames);
        if (profile)
        {
            foreach (var (name, variantFolder) in variants.Folders)
            {
                OperatorProfile.Print(name, variantFolder, passages, 32, 1);
            }

            return;
        }

        if (sessionRuns > 0)
        {
            FusionSessionAb.Print(variants, sessionRuns);
        }

        var samples = new List<Sample>();
        foreach (var (threads, parallel) in configs)
        {
            samples.AddRange(RunConfig(variants, passages, threads, parallel, rounds));
        }

        Console.WriteLine();
        Console.WriteLine("| config | variant | rounds | median passages/s | best passages/s | median passages per CPU-second | load (min-max) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var group in samples.GroupBy(s => (s.Config, s.Variant)))
        {
            var list = group.ToList();
            Console.WriteLine($"| {group.Key.Config} | {group.Key.Variant} | {list.Count} | {Median(list.Select(s => s.PassagesPerSecond)):F1} | " +
                $"{list.Max(s => s.PassagesPerSecond):F1} | {Median(list.Select(s => s.PassagesPerCpuSecond)):F1} | {list.Min(s => s.Load):F1}-{list.Max(s => s.Load):F1} |");
        }

        foreach (var config in samples.Select(s => s.Config).Distinct())
        {
            double Rate(string variant) => Median(samples.Where(s => s.Config == config && s.Variant == variant).Select(s => s.PassagesPerCpuSecond));
            foreach (var (name, _) in variants.Folders.Skip(1))
            {
                // Paired: each round's variant against the same round's unfused run, so slow phases of a shared machine cancel.
                var ratios = samples.Where(s => s.Config == config && s.Variant == name)
                    .Zip(samples.Where(s => s.Config == config && s.Variant == FusionVariants.Unfused), (v, u) => v.PassagesPerCpuSecond / u.PassagesPerCpuSecond)
                    .Order().ToArray();
                Console.WriteLine($"{config}: {name} / unfused passages per CPU-second: ratio of medians {Rate(name) / Rate(FusionVariants.Unfused):F3}, " +
                    $"median of per-round ratios {Median(ratios):F3} (quartiles {ratios[ratios.Length / 4]:F3}-{ratios[3 * ratios.Length / 4]:F3}, {ratios.Count(r => r > 1)} of {ratios.Length} rounds faster)");
            }
        }

        if (gemm)
        {
            GemmProbe.Print();
        }

        Console.WriteLine($"Load average at end: {Machine.LoadAverage}");
    }

    private static List<Sample> RunConfig(FusionVariants variants, List<string> passages, int threads, int parallel, int rounds)
    {
        var config = $"{threads} thread(s) x {parallel} concurrent batches";
        var samples = new List<Sample>();
        var encoders = variants.Folders.Select(v => (v.Name, Encoder: Open(v.Folder, threads, parallel))).ToList();
        try
        {
            foreach (var (_, encoder) in encoders)
            {
                encoder.Encode(passages.Take(64).ToList()); // warm-up: JIT, first-run allocations, kernel selection
            }

            for (var r = 0; r < rounds; r++)
            {
                // Rotate the order every round, so no variant always runs first (or right after a given other one).
                foreach (var (name, encoder) in encoders.Skip(r % encoders.Count).Concat(encoders.Take(r % encoders.Count)))
                {
                    var cpu0 = Machine.ProcessCpu;
                    var clock = Stopwatch.StartNew();
                    encoder.Encode(passages);
                    var wall = clock.Elapsed.TotalSeconds;
                    var cpu = (Machine.ProcessCpu - cpu0).TotalSeconds;
                    var sample = new Sample(name, config, passages.Count / wall, passages.Count / cpu, Machine.OneMinuteLoad);
                    samples.Add(sample);
                    Console.WriteLine($"  {config}, round {r + 1}, {name,-16}: {sample.PassagesPerSecond,6:F1} passages/s, {sample.PassagesPerCpuSecond,5:F1} per CPU-second (load {sample.Load:F1})");
                }
            }
        }
        finally
        {
            encoders.ForEach(e => e.Encoder.Dispose());
        }

        return samples;
    }

    private static OnnxSentenceEncoder Open(ModelFolder folder, int threads, int parallel)
        => OnnxSentenceEncoder.Create(folder, new OnnxSentenceEncoderOptions
        {
            BatchSize = 32,
            IntraOpThreads = threads,
            ConcurrentBatches = parallel,
            PreferCuda = false,
            AllowSpinning = false,
        });

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
