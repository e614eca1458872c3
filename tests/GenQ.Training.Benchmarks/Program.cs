using System.Globalization;
using GenQ.Training.Benchmarks;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

// Usage: GenQ.Training.Benchmarks [train-synthetic|train-cranfield|encode|attention|all] [--steps N] [--threads N] [--passages N] [--attention-dropout-0] [--bucketing]
var bench = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

var steps = Arg("--steps", 5);
double? attentionDropout = args.Contains("--attention-dropout-0") ? 0.0 : null;
var dropoutNote = attentionDropout is null ? "attention dropout 0.1 (as trained upstream)" : "attention dropout 0";
var threads = Arg("--threads", Environment.ProcessorCount);
set_num_threads(threads);
Console.WriteLine($"# GenQ training/encoding benchmark ({Environment.ProcessorCount} cores, torch threads {threads}, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
Console.WriteLine();
Console.WriteLine("| benchmark | setting | result |");
Console.WriteLine("|---|---|---|");
var gemm = GemmCalibration.GflopsPerSecond();
Console.WriteLine($"| calibration | fp32 matmul 2048×2048, torch threads {threads} | {gemm:F0} GFLOP/s |");
string Rate(double gflops) => $"{gflops:F0} GFLOP/s achieved";
if (bench is "train-synthetic" or "all")
{
    var (pairsPerSecond, perStep, phases, perCpu) = TrainingBench.Synthetic(steps, attentionDropout);
    Console.WriteLine($"| training, MiniLM-L6, fwd+bwd+AdamW | batch 32, queries 16 tok, passages 128 tok, {dropoutNote}, {steps} steps after 1 warm-up | **{pairsPerSecond:F1} pairs/s** ({perStep:F2} s/step: {phases}; {Rate(FlopModel.TrainingStep(32, 16, 128) / perStep / 1e9)}), {perCpu:F2} pairs per CPU-second, peak RSS {PeakMemory.MiB():F0} MiB |");
}

if (bench is "attention")
{
    Console.WriteLine($"| SDPA fwd+bwd, 32×12×128×32, dropout 0.1 | alternated, per call | {AttentionMicroBench.Run()} |");
    Console.WriteLine($"| SDPA fwd+bwd, 32×12×128×32, dropout 0 | alternated, per call | {AttentionMicroBench.Run(dropout: 0)} |");
}

if (bench is "train-cranfield" or "all")
{
    var (result, pairs, q, p) = TrainingBench.Cranfield(steps, threads, attentionDropout, args.Contains("--bucketing"));
    Console.WriteLine($"| training, Trainer on Cranfield (title → abstract) | {pairs} pairs, batch 32, dynamic padding, mean {q:F1} query / {p:F1} passage tokens (limits 64/256), {dropoutNote}{(args.Contains("--bucketing") ? ", length bucketing" : string.Empty)} | **{result.PairsPerSecond:F1} pairs/s** over {result.Steps} steps (incl. first step), peak RSS {PeakMemory.MiB():F0} MiB |");
}

if (bench is "encode" or "all")
{
    var passages = EncodingBench.Passages(Arg("--passages", 512));
    foreach (var (t, batch, level, spin) in new[]
    {
        (threads, 32, GraphOptimizationLevel.ORT_ENABLE_ALL, true),
        (threads, 32, GraphOptimizationLevel.ORT_ENABLE_ALL, false),
        (threads, 64, GraphOptimizationLevel.ORT_ENABLE_ALL, true),
        (threads, 32, GraphOptimizationLevel.ORT_ENABLE_BASIC, true),
        (1, 32, GraphOptimizationLevel.ORT_ENABLE_ALL, true),
    })
    {
        var (rate, perCpu) = EncodingBench.PassagesPerSecond(passages, t, batch, level, spin);
        Console.WriteLine($"| encoding, ONNX Runtime CPU fp32 | {passages.Count} Cranfield passages × 60 tok, batch {batch}, intra-op {t}, {level}, spinning {(spin ? "on" : "off")} | **{rate:F0} passages/s** ({Rate(rate * FlopModel.Forward(60) / 1e9)}), {perCpu:F0} passages per CPU-second |");
    }
}
