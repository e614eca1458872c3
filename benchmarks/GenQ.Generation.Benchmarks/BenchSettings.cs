using GenQ.Generation;
using GenQ.Generation.Testing.T5;

namespace GenQ.Generation.Benchmarks;

/// <summary>Command-line settings of the bench (all optional).</summary>
internal sealed record BenchSettings
{
    public string ModelDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "genq-bench-t5-base");

    public int[] BatchSizes { get; init; } = [1, 8, 32];

    /// <summary>
    /// kv: KV cache, first step once per passage (the default path); kv-int8: the same on the dynamic-int8 graphs;
    /// torch: the PyTorch eager anchor (torch_anchor.py); kv-eager-drop: finished rows dropped at every finish;
    /// kv-prefill: encoder and first step only; kv-plain: first step on every row;
    /// full: full recompute; kv-host: the KV cache path with the cache returned to host memory every step (no I/O
    /// binding; on CPU the same as kv, on CUDA what binding saves).
    /// </summary>
    public DecoderVariant[] Strategies { get; init; } = [DecoderVariant.Kv, DecoderVariant.KvInt8, DecoderVariant.Torch];

    /// <summary>Batch sizes at which forced-64 rows run, for GenQ fp32 only (the past tables' workload, kept for comparison).</summary>
    public int[] ForcedBatchSizes { get; init; } = [8];

    /// <summary>Batch sizes at which the int8 and torch rows run (the goals are stated at batch 8).</summary>
    public int[] ExtraBatchSizes { get; init; } = [8];

    /// <summary>Per-strategy batch sizes (<c>--strategy-batch kv-eager-drop=8,32;kv-prefill=8</c>), overriding the rules above.</summary>
    public Dictionary<DecoderVariant, int[]> StrategyBatchSizes { get; init; } = [];

    /// <summary>
    /// Realistic configurations at these batch sizes run in every round (the goals' ratios); every other
    /// configuration (other batch sizes, forced lengths) runs in the first round only, to keep the bench near 10 minutes
    /// on a loaded 2-core machine.
    /// </summary>
    public int[] CoreBatchSizes { get; init; } = [1, 8];

    /// <summary>Interleaved rounds: every core configuration runs once per round, in a rotated order; medians are reported.</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>Python with torch for the anchor (Debian's python3-torch lives under /usr/bin/python3).</summary>
    public string Python { get; init; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Realistic: each sequence ends at its length from <c>QueryLengthSchedule</c>; forced: EOS suppressed, every sequence runs MaxNewTokens.</summary>
    public LengthMode[] Lengths { get; init; } = [LengthMode.Realistic, LengthMode.Forced];

    /// <summary>Passages per configuration: max(Passages, batch), always the first ones (and the same lengths) of one list.</summary>
    public int Passages { get; init; } = 8;

    public int InputTokens { get; init; } = 300;

    public int QueriesPerPassage { get; init; } = 3;

    public int MaxNewTokens { get; init; } = 64;

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>ONNX Runtime provider for the model and the GEMM calibration: auto (CUDA when it loads), cpu or cuda.</summary>
    public ExecutionProviderPreference Provider { get; init; } = ExecutionProviderPreference.Auto;

    /// <summary>Where the PyTorch anchor runs: cpu, or cuda (then on the GPU, TF32 matmuls allowed as ONNX Runtime's CUDA provider does by default).</summary>
    public string TorchDevice { get; init; } = "cpu";

    public string? MarkdownOut { get; init; }

    /// <summary>Tiny model instead of T5-base: checks the bench itself quickly.</summary>
    public bool Tiny { get; init; }

    /// <summary>Merged (one decoder file, the default Optimum export) or separate decoder_model + decoder_with_past_model.</summary>
    public T5DecoderLayout Layout { get; init; } = T5DecoderLayout.Merged;

    /// <summary>Only write the model folder (the bench runs this in a child process so build memory stays out of the peak).</summary>
    public bool BuildOnly { get; init; }

    /// <summary>Only the token sampler's host-side cost, no model (<see cref="SamplerBench"/>).</summary>
    public bool SamplerOnly { get; init; }

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--model-dir" => settings with { ModelDirectory = Next() },
                "--batch" => settings with { BatchSizes = Next().Split(',').Select(int.Parse).ToArray() },
                "--strategies" => settings with { Strategies = Next().Split(',').Select(ParseStrategy).ToArray() },
                "--lengths" => settings with { Lengths = Next().Split(',').Select(ParseLengths).ToArray() },
                "--passages" => settings with { Passages = int.Parse(Next()) },
                "--forced-batch" => settings with { ForcedBatchSizes = Next().Split(',').Select(int.Parse).ToArray() },
                "--extra-batch" => settings with { ExtraBatchSizes = Next().Split(',').Select(int.Parse).ToArray() },
                "--repeats" => settings with { Repeats = int.Parse(Next()) },
                "--strategy-batch" => settings with
                {
                    StrategyBatchSizes = Next().Split(';').Select(p => p.Split('=')).ToDictionary(p => ParseStrategy(p[0]), p => p[1].Split(',').Select(int.Parse).ToArray()),
                },
                "--core-batch" => settings with { CoreBatchSizes = Next().Split(',').Select(int.Parse).ToArray() },
                "--python" => settings with { Python = Next() },
                "--input-tokens" => settings with { InputTokens = int.Parse(Next()) },
                "--queries" => settings with { QueriesPerPassage = int.Parse(Next()) },
                "--max-new" => settings with { MaxNewTokens = int.Parse(Next()) },
                "--threads" => settings with { Threads = int.Parse(Next()) },
                "--provider" => settings with { Provider = Enum.Parse<ExecutionProviderPreference>(Next(), ignoreCase: true) },
                "--torch-device" => settings with { TorchDevice = Next() is var device && device is "cuda" or "cpu" ? device : throw new ArgumentException("--torch-device takes cpu or cuda.") },
                "--out" => settings with { MarkdownOut = Next() },
                "--tiny" => settings with { Tiny = true },
                "--build-only" => settings with { BuildOnly = true },
                "--sampler" => settings with { SamplerOnly = true },
                "--layout" => settings with { Layout = Next() == "separate" ? T5DecoderLayout.Separate : T5DecoderLayout.Merged },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. See README in docs/benchmarks/generation.md."),
            };
        }

        return settings;
    }

    private static LengthMode ParseLengths(string value) => value switch
    {
        "realistic" => LengthMode.Realistic,
        "forced" => LengthMode.Forced,
        _ => throw new ArgumentException($"Unknown length mode '{value}' (realistic or forced)."),
    };

    private static DecoderVariant ParseStrategy(string value) => value switch
    {
        "kv" => DecoderVariant.Kv,
        "kv-plain" => DecoderVariant.KvPlainFirstStep,
        "full" => DecoderVariant.Full,
        "kv-int8" => DecoderVariant.KvInt8,
        "torch" => DecoderVariant.Torch,
        "kv-eager-drop" => DecoderVariant.KvEagerDrop,
        "kv-prefill" => DecoderVariant.KvPrefill,
        "kv-host" => DecoderVariant.KvHostCache,
        _ => throw new ArgumentException($"Unknown strategy '{value}' (kv, kv-int8, torch, kv-eager-drop, kv-prefill, kv-plain, kv-host or full)."),
    };
}

/// <summary>How long the random model's sequences run.</summary>
internal enum LengthMode
{
    Realistic,
    Forced,
}

/// <summary>The decoding path a row measures.</summary>
internal enum DecoderVariant
{
    /// <summary>KV cache with the first step once per passage (what GenQ runs).</summary>
    Kv,

    /// <summary>KV cache with the first step on every row (plain batching, before first-step sharing).</summary>
    KvPlainFirstStep,


    /// <summary>Full recompute every step (the test reference).</summary>
    Full,

    /// <summary>GenQ's path on the dynamic-int8 graphs (GenerationOptions.Int8).</summary>
    KvInt8,

    /// <summary>The PyTorch eager anchor, decoding like Hugging Face generate.</summary>
    Torch,

    /// <summary>GenQ's path with finished rows dropped at every finish (a full cache copy each time), as before lazy compaction.</summary>
    KvEagerDrop,

    /// <summary>Encoder and first decoder step only (MaxNewTokens 1): what the passages cost before any later step.</summary>
    KvPrefill,

    /// <summary>GenQ's path with the cache returned to host memory by every step (no I/O binding): on CUDA, what binding saves.</summary>
    KvHostCache,
}
