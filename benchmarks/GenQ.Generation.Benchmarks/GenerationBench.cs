using GenQ.Benchmarking;
using System.Diagnostics;
using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using GenQ.Generation.Testing.Decoding;
using GenQ.Generation.Testing.T5;
using GenQ.Quantization.T5;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenQ.Generation.Benchmarks;

/// <summary>
/// Builds (once, cached on disk) a random T5-base-shaped model in the Optimum merged layout plus its dynamic-int8
/// copy, and measures generation of QueriesPerPassage sequences per InputTokens-token passage for each configuration
/// (decoding path x batch size x length mode): realistic (each sequence stops at a length drawn from
/// <see cref="QueryLengthSchedule"/>) or forced (EOS suppressed, every sequence runs MaxNewTokens). Configurations run
/// interleaved in rounds (rotated order), each round next to an fp32 GEMM calibration; the report gives medians.
/// </summary>
internal static class GenerationBench
{
    public static string Run(BenchSettings settings, TextWriter log)
    {
        var spec = settings.Tiny ? new T5TestModelSpec { VocabSize = 1000, TieWordEmbeddings = false } : T5TestModelSpec.T5Base;
        var folder = (settings.Tiny ? settings.ModelDirectory + "-tiny" : settings.ModelDirectory)
            + (settings.Layout == T5DecoderLayout.Separate ? "-separate" : string.Empty);
        var int8 = settings.Strategies.Contains(DecoderVariant.KvInt8);
        if (settings.BuildOnly)
        {
            EnsureModel(folder, spec, settings.Layout, int8, log);
            return string.Empty;
        }

        var machine = BenchMachine.Describe();
        log.WriteLine(machine);
        var buildSeconds = BuildInChildProcess(folder, spec, settings.Layout, int8, log);

        var loadWatch = Stopwatch.StartNew();
        using var model = T5OnnxModel.Load(folder, settings.Provider, settings.Threads, NullLogger.Instance);
        var fp32Rss = PeakMemory.CurrentBytes();
        using var int8Model = int8 ? T5OnnxModel.Load(folder, settings.Provider, settings.Threads, NullLogger.Instance, int8: true) : null;
        var loaded = $"Loaded in {loadWatch.Elapsed.TotalSeconds:F1} s on {model.Provider} ({model.ProviderReason}); process RSS {BenchReport.Mb(fp32Rss)} MB with the fp32 model" +
            (int8 ? $", {BenchReport.Mb(PeakMemory.CurrentBytes())} MB with the int8 model too (both stay loaded: the peak RSS column counts both)" : string.Empty);
        log.WriteLine(loaded);
        var generators = new Dictionary<DecoderVariant, T5Seq2SeqGenerator>
        {
            [DecoderVariant.Kv] = new(model),
            [DecoderVariant.KvPlainFirstStep] = new(model) { ShareFirstStep = false },
            [DecoderVariant.Full] = new(model),
            [DecoderVariant.KvEagerDrop] = new(model) { CompactLazily = false },
            [DecoderVariant.KvPrefill] = new(model),
            [DecoderVariant.KvHostCache] = new(model) { BindCacheToDevice = false },
        };
        if (int8Model is not null)
        {
            generators[DecoderVariant.KvInt8] = new T5Seq2SeqGenerator(int8Model);
        }

        var baseOptions = new GenerationOptions
        {
            QueriesPerPassage = settings.QueriesPerPassage,
            MaxNewTokens = settings.MaxNewTokens,
            TopP = 0.95,
            IntraOpThreads = settings.Threads,
        };

        var configs = Configurations(settings);
        var count = configs.Max(c => c.Passages);
        var random = new Random(1);
        var passages = Enumerable.Range(0, count).Select(_ => RandomPassage(random, settings.InputTokens, model)).ToList();
        var schedule = QueryLengthSchedule.Draw(count * settings.QueriesPerPassage, settings.MaxNewTokens);
        log.WriteLine($"Realistic lengths: mean {schedule.Average():F2} tokens per query (EOS included), max {schedule.Max()}, seed {QueryLengthSchedule.DefaultSeed}");
        foreach (var generator in generators.Values.DistinctBy(g => g.Model))
        {
            generator.Generate(passages.Take(1).ToList(), baseOptions with { MaxNewTokens = 2 }, new Random(1), default); // warm-up
        }

        using var anchor = settings.Strategies.Contains(DecoderVariant.Torch)
            ? TorchAnchor.TryStart(settings.Python, spec, passages, schedule, settings.QueriesPerPassage, settings.MaxNewTokens, settings.Threads, settings.TorchDevice, folder, log)
            : null;
        if (anchor is not null)
        {
            log.WriteLine($"PyTorch anchor: {anchor.Ready.ToJsonString()}");
        }
        else
        {
            configs.RemoveAll(c => c.Strategy == DecoderVariant.Torch);
        }

        using var gemm = new GemmCalibration(settings.Threads, model.Provider == "cuda");
        var flops = new GenerationFlops(spec, settings.InputTokens);
        var rounds = new List<BenchRound>();
        for (var round = 0; round < settings.Repeats; round++)
        {
            var ort = gemm.GflopsPerSecond();
            var torchGemm = anchor?.GemmGflops() ?? (double.NaN, double.NaN);
            var calibration = new BenchRound(round, ort.Wall, ort.PerCpuSecond, torchGemm.Wall, torchGemm.PerCpuSecond, []);
            log.WriteLine($"round {round + 1}/{settings.Repeats}: fp32 GEMM {ort.Wall:F1} GFLOP/s, {ort.PerCpuSecond:F1} per CPU s (ONNX Runtime); {torchGemm.Wall:F1}, {torchGemm.PerCpuSecond:F1} (PyTorch); load {BenchMachine.LoadAverage()}");
            var offset = round * configs.Count / settings.Repeats;
            foreach (var config in configs.Skip(offset).Concat(configs.Take(offset))
                .Where(c => round == 0 || (c.Lengths == LengthMode.Realistic && settings.CoreBatchSizes.Contains(c.Batch))))
            {
                var sample = config.Strategy == DecoderVariant.Torch
                    ? MeasureTorch(anchor!, config)
                    : Measure(generators[config.Strategy], passages.Take(config.Passages).ToList(), schedule, config, baseOptions);
                var work = flops.Total(config.Passages, settings.QueriesPerPassage,
                    row => config.Strategy == DecoderVariant.KvPrefill ? 1 : config.Lengths == LengthMode.Forced ? settings.MaxNewTokens : schedule[row]);
                sample = sample with { Flops = work };
                calibration.Samples[config] = sample;
                log.WriteLine($"  {config.Name,-32} {sample.Tokens} tokens in {sample.Seconds:F2} s ({sample.CpuSeconds:F1} CPU s): {config.Passages / sample.Seconds:F3} passages/s, " +
                    $"{work / sample.Seconds / 1e9:F1} GFLOP/s ({work / sample.Seconds / 1e9 / calibration.OrtGemm:P0} of GEMM), {work / sample.CpuSeconds / 1e9:F1} GFLOP per CPU s ({work / sample.CpuSeconds / 1e9 / calibration.OrtGemmCpu:P0}), peak RSS {BenchReport.Mb(sample.PeakBytes)} MB, load {sample.Load}");
            }

            rounds.Add(calibration);
        }

        var report = BenchReport.Markdown(settings, spec, model, machine + Environment.NewLine + loaded, buildSeconds, schedule, flops, configs, rounds, anchor?.Ready);
        log.WriteLine();
        log.WriteLine(report);
        return report;
    }

    private static List<BenchConfig> Configurations(BenchSettings settings)
    {
        var configs = new List<BenchConfig>();
        foreach (var lengths in settings.Lengths)
        {
            foreach (var batch in settings.BatchSizes.Where(b => lengths == LengthMode.Realistic || settings.ForcedBatchSizes.Contains(b)))
            {
                foreach (var strategy in settings.Strategies.Where(s => (settings.StrategyBatchSizes.TryGetValue(s, out var only) ? only.Contains(batch)
                        : s is not (DecoderVariant.KvInt8 or DecoderVariant.Torch) || settings.ExtraBatchSizes.Contains(batch))
                    && (lengths == LengthMode.Realistic || s == DecoderVariant.Kv)))
                {
                    configs.Add(new BenchConfig(strategy, batch, lengths, Math.Max(settings.Passages, batch)));
                }
            }
        }

        return configs;
    }

    private static BenchSample Measure(T5Seq2SeqGenerator generator, List<long[]> passages, int[] schedule, BenchConfig config, GenerationOptions options)
    {
        var queries = options.QueriesPerPassage;
        var forced = config.Lengths == LengthMode.Forced;
        var batch = config.Batch;
        options = options with { Decoding = config.Strategy == DecoderVariant.Full ? DecodingStrategy.FullRecompute : DecodingStrategy.KvCache };
        if (config.Strategy == DecoderVariant.KvPrefill)
        {
            options = options with { MaxNewTokens = 1 };
            schedule = schedule.Select(_ => 1).ToArray();
        }

        var resetWorked = PeakMemory.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long tokens = 0;
        for (var start = 0; start < passages.Count; start += batch)
        {
            var chunk = passages.Skip(start).Take(batch).ToList();
            var result = forced
                ? generator.Generate(chunk, options with { MinNewTokens = options.MaxNewTokens }, new Random(7), default)
                : generator.Generate(chunk, options, new Random(7), default, schedule[(start * queries)..((start + chunk.Count) * queries)]);
            tokens += result.Sum(r => r.Tokens.Length);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new BenchSample(seconds, cpuSeconds, tokens, resetWorked ? PeakMemory.PeakBytes() : -1, BenchMachine.LoadAverage(), 0);
    }

    private static BenchSample MeasureTorch(TorchAnchor anchor, BenchConfig config)
    {
        var answer = anchor.Run(config.Batch, config.Passages, config.Lengths == LengthMode.Forced);
        return new BenchSample(answer["seconds"]!.GetValue<double>(), answer["cpu_seconds"]!.GetValue<double>(), answer["tokens"]!.GetValue<long>(),
            answer["peak_rss_mb"]!.GetValue<long>() * 1024 * 1024, answer["load"]!.GetValue<string>(), 0);
    }

    private static double EnsureModel(string folder, T5TestModelSpec spec, T5DecoderLayout layout, bool int8, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        if (IsBuilt(folder, spec, layout, int8: false))
        {
            log.WriteLine($"Reusing {folder}");
        }
        else
        {
            log.WriteLine($"Building random {spec.NumLayers}+{spec.NumDecoderLayers}-layer d_model {spec.DModel} vocab {spec.VocabSize} model in {folder} ...");
            T5TestModelWriter.Write(folder, spec, layout, Path.Combine(AppContext.BaseDirectory, "spiece.model"));
            log.WriteLine($"Built in {watch.Elapsed.TotalSeconds:F1} s");
        }

        if (int8 && !IsBuilt(folder, spec, layout, int8: true))
        {
            foreach (var file in T5DynamicInt8Quantizer.Quantize(folder))
            {
                log.WriteLine($"Quantised {Path.GetFileName(file.SourcePath)}: {file.MatMulsQuantized} MatMuls int8, {file.MatMulsKeptFloat} float, {file.SourceBytes >> 20} -> {file.QuantizedBytes >> 20} MiB");
            }
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Builds the model in a child process, so the builder's gigabytes of arrays never count in this process's peak.</summary>
    private static double BuildInChildProcess(string folder, T5TestModelSpec spec, T5DecoderLayout layout, bool int8, TextWriter log)
    {
        if (IsBuilt(folder, spec, layout, int8: false) && (!int8 || IsBuilt(folder, spec, layout, int8: true)))
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
        if (child.ExitCode != 0 || !IsBuilt(folder, spec, layout, int8: false))
        {
            throw new InvalidOperationException($"Building the benchmark model in {folder} failed (exit code {child.ExitCode}).");
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static bool IsBuilt(string folder, T5TestModelSpec spec, T5DecoderLayout layout, bool int8)
    {
        var configPath = Path.Combine(folder, T5ModelConfig.ConfigFile);
        var decoder = layout == T5DecoderLayout.Merged ? T5ModelFolder.MergedDecoder : T5ModelFolder.DecoderWithPast;
        var decoderPath = Path.Combine(folder, int8 ? T5ModelFolder.QuantizedName(decoder) : decoder);
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
}
