using GenQ.Benchmarking;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GenQ.Generation.Modeling;
using GenQ.Generation.Testing.Decoding;
using GenQ.Generation.Testing.T5;

namespace GenQ.Generation.Benchmarks;

/// <summary>The bench's markdown: medians over the interleaved rounds, ratios taken within each round then their median.</summary>
internal static class BenchReport
{
    public static string Markdown(BenchSettings settings, T5TestModelSpec spec, T5OnnxModel model, string machine, double buildSeconds, int[] schedule,
        GenerationFlops flops, List<BenchConfig> configs, List<BenchRound> rounds, JsonNode? torch)
    {
        var q = settings.QueriesPerPassage;
        var sb = new StringBuilder();
        void Line(string text) => sb.AppendLine(text);
        Line($"Machine at start: {machine}");
        Line($"Machine at end: {BenchMachine.Uptime()}");
        Line($"Command: `dotnet run -c Release --project benchmarks/GenQ.Generation.Benchmarks -- {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}`");
        Line($"Model: random T5, {spec.NumLayers}+{spec.NumDecoderLayers} layers, d_model {spec.DModel}, {spec.NumHeads} heads, d_ff {spec.DFf}, vocab {spec.VocabSize}; decoder file {model.DecoderFiles}; provider {model.Provider} ({model.ProviderReason}); {settings.Threads} intra-op threads." +
            (buildSeconds > 0 ? F($" Model build (and int8 quantisation): {buildSeconds:F0} s.") : string.Empty));
        Line(F($"Work: {q} sequences per {settings.InputTokens}-token passage, top_p 0.95. Realistic: each sequence ends with EOS at its length from QueryLengthSchedule (seed {QueryLengthSchedule.DefaultSeed}; these passages: mean {schedule.Average():F2}, max {schedule.Max()} tokens, EOS included). Forced: EOS suppressed, every sequence runs {settings.MaxNewTokens} new tokens. Each configuration decodes the first max({settings.Passages}, batch) passages of one list; {rounds.Count} interleaved rounds (order rotated each round) of the realistic configurations at batch {string.Join(", ", settings.CoreBatchSizes)}, the others in the first round only; medians below (n = runs)."));
        if (torch is not null)
        {
            Line($"PyTorch anchor: torch {torch["torch"]}, {torch["threads"]} threads (benchmarks/GenQ.Generation.Benchmarks/torch_anchor.py, Hugging Face generate's decoding: first step and cross-attention K/V per row, finished rows kept as padding).");
        }

        var torchGemm = torch is null ? "." : F($"; PyTorch median {Median(rounds.Select(r => r.TorchGemm)):F1} GFLOP/s and {Median(rounds.Select(r => r.TorchGemmCpu)):F1} per CPU second (rounds: {List(rounds.Select(r => r.TorchGemm))}; {List(rounds.Select(r => r.TorchGemmCpu))}).");
        Line(F($"fp32 GEMM [{GemmCalibration.M}x{GemmCalibration.K}]x[{GemmCalibration.K}x{GemmCalibration.N}], 10 runs at the start of each round, best run's GFLOP/s and GFLOP per CPU second of all: ONNX Runtime median {Median(rounds.Select(r => r.OrtGemm)):F1} GFLOP/s and {Median(rounds.Select(r => r.OrtGemmCpu)):F1} per CPU second (rounds: {List(rounds.Select(r => r.OrtGemm))}; {List(rounds.Select(r => r.OrtGemmCpu))}){torchGemm}"));
        Line("\"of GEMM\": useful GFLOP/s over the round's best-run GEMM GFLOP/s (wall clock; on a loaded machine the long runs wait for cores more than the short calibration, so this is low under load); \"of GEMM per CPU s\": useful GFLOP per CPU second of the process (all threads, spinning included) over the GEMM's GFLOP per CPU second, the machine's limit per unit of CPU it actually got (robust to other load). Both are medians of per-round ratios.");
        Line(F($"Useful work (GenerationFlops): encoder {flops.Encoder / 1e9:F1} GFLOP, cross-attention K/V {flops.CrossKeysValues / 1e9:F2} GFLOP per passage, a decoder step {flops.Step(0) / 1e9:F3}-{flops.Step(63) / 1e9:F3} GFLOP per row; per passage {flops.Total(1, q, r => schedule[r]) / 1e9:F1} GFLOP (first passage, realistic) and {flops.Total(1, q, _ => settings.MaxNewTokens) / 1e9:F1} GFLOP (forced)."));
        Line(string.Empty);
        Line("| decoding | batch | lengths | passages | queries | new tokens | median s (min-max, n) | passages/s | queries/s | tokens/s | GFLOP/s | of GEMM | CPU s | of GEMM per CPU s | peak RSS (MB, lowest round) | load (1 min, per round) |");
        Line("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var c in configs)
        {
            var samples = rounds.Where(r => r.Samples.ContainsKey(c)).Select(r => r.Samples[c]).ToList();
            if (samples.Count == 0)
            {
                continue;
            }

            var seconds = Median(samples.Select(s => s.Seconds));
            var fraction = Median(rounds.Where(r => r.Samples.ContainsKey(c)).Select(r => r.Samples[c].Flops / r.Samples[c].Seconds / 1e9 / r.OrtGemm));
            var cpuFraction = Median(rounds.Where(r => r.Samples.ContainsKey(c)).Select(r => r.Samples[c].Flops / r.Samples[c].CpuSeconds / 1e9 / r.OrtGemmCpu));
            Line(F($"| {Name(c.Strategy)} | {c.Batch} | {Name(c.Lengths)} | {c.Passages} | {c.Passages * q} | {samples[0].Tokens} | {seconds:F2} ({samples.Min(s => s.Seconds):F2}-{samples.Max(s => s.Seconds):F2}, {samples.Count}) | {c.Passages / seconds:F3} | {c.Passages * q / seconds:F2} | {samples[0].Tokens / seconds:F1} | {samples[0].Flops / seconds / 1e9:F1} | {fraction:P0} | {Median(samples.Select(s => s.CpuSeconds)):F1} | {cpuFraction:P0} | {Mb(samples.Min(s => s.PeakBytes))} | {string.Join(", ", samples.Select(s => s.Load.Split(' ')[0]))} |"));
        }

        Line(string.Empty);
        Line("Ratios of passages/s, each taken within one round, then the median over rounds (min-max):");
        Line(string.Empty);
        foreach (var lengths in configs.Select(c => c.Lengths).Distinct())
        {
            foreach (var batch in configs.Select(c => c.Batch).Distinct())
            {
                Ratio(sb, rounds, configs, F($"GenQ fp32 / PyTorch eager, batch {batch}, {Name(lengths)}"), DecoderVariant.Kv, batch, DecoderVariant.Torch, batch, lengths, perPassage: false);
                Ratio(sb, rounds, configs, F($"GenQ int8 / PyTorch eager, batch {batch}, {Name(lengths)}"), DecoderVariant.KvInt8, batch, DecoderVariant.Torch, batch, lengths, perPassage: false);
                Ratio(sb, rounds, configs, F($"GenQ int8 / GenQ fp32, batch {batch}, {Name(lengths)}"), DecoderVariant.KvInt8, batch, DecoderVariant.Kv, batch, lengths, perPassage: false);
                Ratio(sb, rounds, configs, F($"first step once per passage / on every row, batch {batch}, {Name(lengths)}"), DecoderVariant.Kv, batch, DecoderVariant.KvPlainFirstStep, batch, lengths, perPassage: false);
                Ratio(sb, rounds, configs, F($"lazy / eager row drop, batch {batch}, {Name(lengths)}"), DecoderVariant.Kv, batch, DecoderVariant.KvEagerDrop, batch, lengths, perPassage: false);
                Ratio(sb, rounds, configs, F($"cache bound to the device / via host, batch {batch}, {Name(lengths)}"), DecoderVariant.Kv, batch, DecoderVariant.KvHostCache, batch, lengths, perPassage: false);
                Ratio(sb, rounds, configs, F($"share of the time spent in encoder + step 0 (their time / the whole run's), batch {batch}, {Name(lengths)}"), DecoderVariant.Kv, batch, DecoderVariant.KvPrefill, batch, lengths, perPassage: false);
            }

            foreach (var strategy in configs.Select(c => c.Strategy).Distinct())
            {
                foreach (var batch in configs.Select(c => c.Batch).Distinct().Where(b => b > 1))
                {
                    Ratio(sb, rounds, configs, F($"{Name(strategy)}: batch {batch} / batch 1 per passage, {Name(lengths)}"), strategy, batch, strategy, 1, lengths, perPassage: true);
                }
            }
        }

        Line(string.Empty);
        Line(IdleRowSteps(schedule, q, settings));
        return sb.ToString();
    }

    /// <summary>
    /// Under the realistic schedule with fixed batches, a batch runs until its longest row ends: the share of row-step
    /// slots (rows x steps of each batch) with no live row. Hugging Face generate computes those slots as padding; GenQ
    /// drops finished rows, so for it this is how far the batch shrinks below full (what refilling would fill).
    /// </summary>
    private static string IdleRowSteps(int[] schedule, int q, BenchSettings settings)
    {
        var large = QueryLengthSchedule.Draw(3000 * q, settings.MaxNewTokens);
        var sb = new StringBuilder("Idle row-step slots with fixed batches (realistic lengths; a batch runs as long as its longest row): ");
        var parts = new List<string>();
        foreach (var batch in settings.BatchSizes)
        {
            parts.Add(F($"batch {batch}: {Idle(schedule, q, batch):P1} on the bench's {schedule.Length / q} passages, {Idle(large, q, batch):P1} on 3,000 passages"));
        }

        return sb.Append(string.Join("; ", parts)).Append('.').ToString();
    }

    private static double Idle(int[] lengths, int q, int batch)
    {
        double used = 0, slots = 0;
        for (var start = 0; start < lengths.Length; start += batch * q)
        {
            var chunk = lengths.Skip(start).Take(batch * q).ToArray();
            used += chunk.Sum();
            slots += (double)chunk.Length * chunk.Max();
        }

        return 1 - (used / slots);
    }

    private static void Ratio(StringBuilder sb, List<BenchRound> rounds, List<BenchConfig> configs, string label,
        DecoderVariant a, int batchA, DecoderVariant b, int batchB, LengthMode lengths, bool perPassage)
    {
        var ca = configs.FirstOrDefault(c => c.Strategy == a && c.Batch == batchA && c.Lengths == lengths);
        var cb = configs.FirstOrDefault(c => c.Strategy == b && c.Batch == batchB && c.Lengths == lengths);
        if (ca is null || cb is null || ca == cb)
        {
            return;
        }

        var ratios = rounds.Where(r => r.Samples.ContainsKey(ca) && r.Samples.ContainsKey(cb))
            .Select(r => (ca.Passages / r.Samples[ca].Seconds) / (cb.Passages / r.Samples[cb].Seconds)).ToList();
        if (ratios.Count > 0)
        {
            sb.AppendLine(F($"- {label}: **{Median(ratios):F2}x** ({ratios.Min():F2}-{ratios.Max():F2})"));
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Name(LengthMode lengths) => lengths == LengthMode.Realistic ? "realistic" : "forced";

    public static string Name(DecoderVariant variant) => variant switch
    {
        DecoderVariant.Kv => "GenQ fp32",
        DecoderVariant.KvInt8 => "GenQ int8",
        DecoderVariant.Torch => "PyTorch eager",
        DecoderVariant.KvPlainFirstStep => "GenQ, plain step 0",
        DecoderVariant.KvEagerDrop => "GenQ, eager row drop",
        DecoderVariant.KvPrefill => "GenQ, encoder + step 0",
        DecoderVariant.KvHostCache => "GenQ, cache via host",
        _ => "full recompute",
    };

    public static string Mb(long bytes) => bytes < 0 ? "n/a" : (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);

    private static string List(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
