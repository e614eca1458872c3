using System.Diagnostics;
using System.Globalization;
using System.Text;
using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using GenQ.Generation.Testing.Decoding;
using GenQ.Generation.Testing.T5;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Benchmarks;

/// <summary>
/// Builds (once, cached on disk) a random T5-base-shaped model in the Optimum merged layout and measures generation
/// of QueriesPerPassage sequences per InputTokens-token passage, for each batch size, length mode and decoding strategy:
/// realistic (each sequence stops at a length drawn from <see cref="QueryLengthSchedule"/>) or forced (EOS suppressed,
/// every sequence runs MaxNewTokens, the bench's original workload).
/// </summary>
internal static class GenerationBench
{
    public static string Run(BenchSettings settings, TextWriter log)
    {
        var spec = settings.Tiny ? new T5TestModelSpec { VocabSize = 1000, TieWordEmbeddings = false } : T5TestModelSpec.T5Base;
        var folder = (settings.Tiny ? settings.ModelDirectory + "-tiny" : settings.ModelDirectory)
            + (settings.Layout == T5DecoderLayout.Separate ? "-separate" : string.Empty);
        if (settings.BuildOnly)
        {
            EnsureModel(folder, spec, settings.Layout, log);
            return string.Empty;
        }

        var buildSeconds = BuildInChildProcess(folder, spec, settings.Layout, log);

        var loadWatch = Stopwatch.StartNew();
        using var model = T5OnnxModel.Load(folder, ExecutionProviderPreference.Auto, settings.Threads, NullLogger.Instance);
        log.WriteLine($"Loaded in {loadWatch.Elapsed.TotalSeconds:F1} s on {model.Provider} ({model.ProviderReason}); RSS {Mb(PeakMemory.CurrentBytes())} MB");
        var generator = new T5Seq2SeqGenerator(model);
        var plainGenerator = new T5Seq2SeqGenerator(model) { ShareFirstStep = false };
        var baseOptions = new GenerationOptions
        {
            QueriesPerPassage = settings.QueriesPerPassage,
            MaxNewTokens = settings.MaxNewTokens,
            TopP = 0.95,
            IntraOpThreads = settings.Threads,
        };

        // Every batch size decodes the same passages, and in realistic mode each sequence gets the same length.
        var random = new Random(1);
        var count = settings.Passages > 0 ? settings.Passages : settings.BatchSizes.Max();
        var passages = Enumerable.Range(0, count).Select(_ => RandomPassage(random, settings.InputTokens, model)).ToList();
        var schedule = QueryLengthSchedule.Draw(count * settings.QueriesPerPassage, settings.MaxNewTokens);
        log.WriteLine($"Realistic lengths: mean {schedule.Average():F1} tokens per query (EOS included), max {schedule.Max()}, seed {QueryLengthSchedule.DefaultSeed}");
        generator.Generate(passages.Take(1).ToList(), baseOptions with { MaxNewTokens = 2 }, new Random(1), default);

        var rows = new List<Row>();
        foreach (var batch in settings.BatchSizes)
        {
            foreach (var lengths in settings.Lengths)
            {
                foreach (var strategy in settings.Strategies)
                {
                    var row = Measure(strategy == DecoderVariant.KvPlainFirstStep ? plainGenerator : generator, passages, schedule, batch, lengths, strategy,
                        baseOptions with { Decoding = strategy == DecoderVariant.Full ? DecodingStrategy.FullRecompute : DecodingStrategy.KvCache });
                    rows.Add(row);
                    log.WriteLine($"batch {batch,2} {Name(lengths),-9} {Name(strategy),-16} {row.Passages} passages, {row.Queries} queries, {row.Tokens} tokens in {row.Seconds:F1} s: " +
                        $"{row.Passages / row.Seconds:F3} passages/s, {row.Queries / row.Seconds:F2} queries/s, {row.Tokens / row.Seconds:F1} tokens/s, " +
                        $"peak RSS {Mb(row.PeakBytes)} MB, load {row.Load}");
                }
            }
        }

        var report = Markdown(settings, spec, model, buildSeconds, schedule, rows);
        log.WriteLine();
        log.WriteLine(report);
        return report;
    }

    private static Row Measure(T5Seq2SeqGenerator generator, List<long[]> passages, int[] schedule, int batch, LengthMode lengths, DecoderVariant variant, GenerationOptions options)
    {
        var queries = options.QueriesPerPassage;
        var forced = lengths == LengthMode.Forced;
        var resetWorked = PeakMemory.Reset();
        var watch = Stopwatch.StartNew();
        long tokens = 0;
        if (variant == DecoderVariant.KvRefilled)
        {
            var result = forced
                ? generator.GenerateRefilled(passages, options with { MinNewTokens = options.MaxNewTokens, BatchSize = batch }, new Random(7), default)
                : generator.GenerateRefilled(passages, options with { BatchSize = batch }, new Random(7), default, schedule);
            tokens += result.Sum(r => r.Tokens.Length);
        }

        for (var start = 0; start < passages.Count && variant != DecoderVariant.KvRefilled; start += batch)
        {
            var chunk = passages.Skip(start).Take(batch).ToList();
            var result = forced
                ? generator.Generate(chunk, options with { MinNewTokens = options.MaxNewTokens }, new Random(7), default)
                : generator.Generate(chunk, options, new Random(7), default, schedule[(start * queries)..((start + chunk.Count) * queries)]);
            tokens += result.Sum(r => r.Tokens.Length);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        return new Row(batch, lengths, variant, passages.Count, passages.Count * queries, tokens, seconds,
            resetWorked ? PeakMemory.PeakBytes() : -1, LoadAverage());
    }

    private static double EnsureModel(string folder, T5TestModelSpec spec, T5DecoderLayout layout, TextWriter log)
    {
        if (IsBuilt(folder, spec, layout))
        {
            log.WriteLine($"Reusing {folder}");
            return 0;
        }

        log.WriteLine($"Building random {spec.NumLayers}+{spec.NumDecoderLayers}-layer d_model {spec.DModel} vocab {spec.VocabSize} model in {folder} ...");
        var watch = Stopwatch.StartNew();
        T5TestModelWriter.Write(folder, spec, layout, Path.Combine(AppContext.BaseDirectory, "spiece.model"));
        log.WriteLine($"Built in {watch.Elapsed.TotalSeconds:F1} s");
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Builds the model in a child process, so the builder's gigabytes of arrays never count in this process's peak.</summary>
    private static double BuildInChildProcess(string folder, T5TestModelSpec spec, T5DecoderLayout layout, TextWriter log)
    {
        if (IsBuilt(folder, spec, layout))
        {
            log.WriteLine($"Reusing {folder}");
            return 0;
        }

        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        foreach (var arg in Environment.GetCommandLineArgs().Skip(1).Append("--build-only"))
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        child.WaitForExit();
        if (child.ExitCode != 0 || !IsBuilt(folder, spec, layout))
        {
            throw new InvalidOperationException($"Building the benchmark model in {folder} failed (exit code {child.ExitCode}).");
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static bool IsBuilt(string folder, T5TestModelSpec spec, T5DecoderLayout layout)
    {
        var configPath = Path.Combine(folder, T5ModelConfig.ConfigFile);
        var decoderPath = Path.Combine(folder, layout == T5DecoderLayout.Merged ? T5ModelFolder.MergedDecoder : T5ModelFolder.DecoderWithPast);
        return File.Exists(configPath) && File.Exists(decoderPath)
            && System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath))!.ToJsonString() == T5TestModelWriter.Config(spec).ToJsonString();
    }

    /// <summary>Random piece ids (never special) then &lt;/s&gt;: the shape of a passage truncated to InputTokens.</summary>
    private static long[] RandomPassage(Random random, int length, T5OnnxModel model)
    {
        var ids = new long[length];
        for (var i = 0; i < length - 1; i++)
        {
            ids[i] = random.Next(3, model.Tokenizer.PieceCount);
        }

        ids[^1] = model.Config.EosTokenId;
        return ids;
    }

    private static string Markdown(BenchSettings settings, T5TestModelSpec spec, T5OnnxModel model, double buildSeconds, int[] schedule, List<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Model: random T5, {spec.NumLayers}+{spec.NumDecoderLayers} layers, d_model {spec.DModel}, {spec.NumHeads} heads, d_ff {spec.DFf}, vocab {spec.VocabSize}; decoder file {model.DecoderFiles}; provider {model.Provider}; {settings.Threads} intra-op threads.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Work: {settings.QueriesPerPassage} sequences per {settings.InputTokens}-token passage, top_p 0.95. Realistic: each sequence ends with EOS at its length from QueryLengthSchedule (seed {QueryLengthSchedule.DefaultSeed}; here mean {schedule.Average():F1}, max {schedule.Max()} tokens, EOS included). Forced: EOS suppressed, every sequence runs {settings.MaxNewTokens} new tokens.{(buildSeconds > 0 ? $" Model build: {buildSeconds:F0} s." : string.Empty)}");
        sb.AppendLine();
        sb.AppendLine("| batch | lengths | decoding | passages | queries | new tokens | seconds | passages/s | queries/s | tokens/s | peak RSS (MB) | load |");
        sb.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Batch} | {Name(r.Lengths)} | {Name(r.Strategy)} | {r.Passages} | {r.Queries} | {r.Tokens} | {r.Seconds:F1} | {r.Passages / r.Seconds:F3} | {r.Queries / r.Seconds:F2} | {r.Tokens / r.Seconds:F1} | {Mb(r.PeakBytes)} | {r.Load} |");
        }

        sb.AppendLine();
        foreach (var group in rows.GroupBy(r => (r.Batch, r.Lengths)))
        {
            var kv = group.FirstOrDefault(r => r.Strategy == DecoderVariant.Kv);
            var plain = group.FirstOrDefault(r => r.Strategy == DecoderVariant.KvPlainFirstStep);
            var full = group.FirstOrDefault(r => r.Strategy == DecoderVariant.Full);
            if (kv is not null && full is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"Batch {group.Key.Batch}, {Name(group.Key.Lengths)}: KV cache is {kv.Tokens / kv.Seconds / (full.Tokens / full.Seconds):F1}x the tokens/s of full recompute.");
            }

            var refill = group.FirstOrDefault(r => r.Strategy == DecoderVariant.KvRefilled);
            if (kv is not null && refill is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"Batch {group.Key.Batch}, {Name(group.Key.Lengths)}: refilled batches are {kv.Seconds / refill.Seconds:F2}x the passages/s of fixed batches.");
            }

            if (kv is not null && plain is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"Batch {group.Key.Batch}, {Name(group.Key.Lengths)}: first step once per passage is {plain.Seconds / kv.Seconds:F2}x the passages/s of the first step on every row.");
            }
        }

        return sb.ToString();
    }

    /// <summary>1, 5 and 15 minute load averages (Linux), so a noisy run shows in its own table.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Name(LengthMode lengths) => lengths == LengthMode.Realistic ? "realistic" : "forced";

    private static string Name(DecoderVariant variant) => variant switch
    {
        DecoderVariant.Kv => "KV cache",
        DecoderVariant.KvPlainFirstStep => "KV, plain step 0",
        DecoderVariant.KvRefilled => "KV, refilled",
        _ => "full recompute",
    };

    private static string Mb(long bytes) => bytes < 0 ? "n/a" : (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);

    private sealed record Row(int Batch, LengthMode Lengths, DecoderVariant Strategy, int Passages, int Queries, long Tokens, double Seconds, long PeakBytes, string Load);
}
