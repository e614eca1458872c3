using System.Diagnostics;
using System.Globalization;
using System.Text;
using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using GenQ.Generation.Testing.T5;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Benchmarks;

/// <summary>
/// Builds (once, cached on disk) a random T5-base-shaped model in the Optimum merged layout and measures generation
/// of QueriesPerPassage sequences per InputTokens-token passage, EOS suppressed so every sequence runs MaxNewTokens,
/// for each batch size and decoding strategy.
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
        var baseOptions = new GenerationOptions
        {
            QueriesPerPassage = settings.QueriesPerPassage,
            MaxNewTokens = settings.MaxNewTokens,
            MinNewTokens = settings.MaxNewTokens,
            TopP = 0.95,
            IntraOpThreads = settings.Threads,
        };

        var random = new Random(1);
        var maxPassages = settings.BatchSizes.Max(b => settings.Passages > 0 ? settings.Passages : b);
        var passages = Enumerable.Range(0, maxPassages).Select(_ => RandomPassage(random, settings.InputTokens, model)).ToList();
        generator.Generate(passages.Take(1).ToList(), baseOptions with { MaxNewTokens = 2, MinNewTokens = 0 }, new Random(1), default);

        var rows = new List<Row>();
        foreach (var batch in settings.BatchSizes)
        {
            foreach (var strategy in settings.Strategies)
            {
                var count = settings.Passages > 0 ? settings.Passages : batch;
                var resetWorked = PeakMemory.Reset();
                var watch = Stopwatch.StartNew();
                long tokens = 0;
                for (var start = 0; start < count; start += batch)
                {
                    var chunk = passages.Skip(start).Take(Math.Min(batch, count - start)).ToList();
                    var result = generator.Generate(chunk, baseOptions with { Decoding = strategy }, new Random(7), default);
                    tokens += result.Sum(r => r.Tokens.Length);
                }

                var seconds = watch.Elapsed.TotalSeconds;
                var row = new Row(batch, strategy, count, tokens, seconds, resetWorked ? PeakMemory.PeakBytes() : -1);
                rows.Add(row);
                log.WriteLine($"batch {batch,2} {Name(strategy),-15} {count} passages, {tokens} tokens in {seconds:F1} s: " +
                    $"{count / seconds:F3} passages/s, {tokens / seconds:F1} tokens/s, peak RSS {Mb(row.PeakBytes)} MB");
            }
        }

        var report = Markdown(settings, spec, model, buildSeconds, rows);
        log.WriteLine();
        log.WriteLine(report);
        return report;
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

    private static string Markdown(BenchSettings settings, T5TestModelSpec spec, T5OnnxModel model, double buildSeconds, List<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Model: random T5, {spec.NumLayers}+{spec.NumDecoderLayers} layers, d_model {spec.DModel}, {spec.NumHeads} heads, d_ff {spec.DFf}, vocab {spec.VocabSize}; decoder file {model.DecoderFiles}; provider {model.Provider}; {settings.Threads} intra-op threads.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Work: {settings.QueriesPerPassage} sequences per {settings.InputTokens}-token passage, top_p 0.95, EOS suppressed so each runs {settings.MaxNewTokens} new tokens.{(buildSeconds > 0 ? $" Model build: {buildSeconds:F0} s." : string.Empty)}");
        sb.AppendLine();
        sb.AppendLine("| batch | decoding | passages | new tokens | seconds | passages/s | tokens/s | peak RSS (MB) |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Batch} | {Name(r.Strategy)} | {r.Passages} | {r.Tokens} | {r.Seconds:F1} | {r.Passages / r.Seconds:F3} | {r.Tokens / r.Seconds:F1} | {Mb(r.PeakBytes)} |");
        }

        sb.AppendLine();
        foreach (var group in rows.GroupBy(r => r.Batch))
        {
            var kv = group.FirstOrDefault(r => r.Strategy == DecodingStrategy.KvCache);
            var full = group.FirstOrDefault(r => r.Strategy == DecodingStrategy.FullRecompute);
            if (kv is not null && full is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"Batch {group.Key}: KV cache is {kv.Tokens / kv.Seconds / (full.Tokens / full.Seconds):F1}x the tokens/s of full recompute.");
            }
        }

        return sb.ToString();
    }

    private static string Name(DecodingStrategy strategy) => strategy == DecodingStrategy.KvCache ? "KV cache" : "full recompute";

    private static string Mb(long bytes) => bytes < 0 ? "n/a" : (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);

    private sealed record Row(int Batch, DecodingStrategy Strategy, int Passages, long Tokens, double Seconds, long PeakBytes);
}
