using System.Globalization;
using GenQ.Training.Benchmarks;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

// Usage: GenQ.Training.Benchmarks [train-synthetic|train-cranfield|encode|attention|all] [--steps N] [--threads N] [--passages N] [--attention-dropout-0] [--bucketing] [--precision fp32|bf16|ab]
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
Console.WriteLine($"| calibration | bf16 matmul 2048×2048, torch threads {threads} | {GemmCalibration.GflopsPerSecond(dtype: ScalarType.BFloat16):F0} GFLOP/s |");
var precisionArg = args.SkipWhile(a => a != "--precision").Skip(1).FirstOrDefault() ?? "fp32";
var precisions = precisionArg switch
{
    "fp32" => new ScalarType?[] { null },
    "bf16" => [ScalarType.BFloat16],
    "ab" => [null, ScalarType.BFloat16, null, ScalarType.BFloat16], // interleaved A/B in one process: the shared machine's load drifts
    _ => throw new ArgumentException($"--precision must be fp32, bf16 or ab, not '{precisionArg}'."),
};
string Rate(double gflops) => $"{gflops:F0} GFLOP/s achieved";
if (bench is "train-synthetic" or "all")
{
    foreach (var precision in precisions)
    {
        var (pairsPerSecond, perStep, phases, perCpu) = TrainingBench.Synthetic(steps, attentionDropout, precision);
        var name = precision is null ? "fp32" : "bf16 autocast";
        Console.WriteLine($"| training, MiniLM-L6, fwd+bwd+AdamW, {name} | batch 32, queries 16 tok, passages 128 tok, {dropoutNote}, {steps} steps after 1 warm-up, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} | **{pairsPerSecond:F1} pairs/s** ({perStep:F2} s/step: {phases}; {Rate(FlopModel.TrainingStep(32, 16, 128) / perStep / 1e9)}), {perCpu:F2} pairs per CPU-second, peak RSS {PeakMemory.MiB():F0} MiB |");
    }
}

if (bench is "attention")
{
    Console.WriteLine($"| SDPA fwd+bwd, 32×12×128×32, dropout 0.1 | alternated, per call | {AttentionMicroBench.Run()} |");
    Console.WriteLine($"| SDPA fwd+bwd, 32×12×128×32, dropout 0 | alternated, per call | {AttentionMicroBench.Run(dropout: 0)} |");
}

if (bench is "quality")
{
    // quality --gen DIR --corpus NAME --out DIR --precision fp32|bf16 [--max-pairs N]
    string Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required.");
    var precision = Text("--precision") == "bf16" ? GenQ.Training.TrainingPrecision.Bf16 : GenQ.Training.TrainingPrecision.Fp32;
    var (result, losses) = QualityBench.Train(Text("--gen"), Text("--corpus"), Text("--out"), precision, threads, Arg("--max-pairs", int.MaxValue));
    Console.WriteLine($"| quality run, {precision} | {result.Steps} steps | final loss {result.FinalLoss:F4}, {result.PairsPerSecond:F2} pairs/s, model {result.ModelPath} |");
    Console.WriteLine("losses: " + string.Join(' ', losses.Select(l => l.ToString("F4", CultureInfo.InvariantCulture))));
}

if (bench is "ops")
{
    foreach (var (op, fp32, bf16) in OpProfile.Run())
    {
        Console.WriteLine($"| op fwd+bwd, one layer's shapes | {op} | fp32 {fp32:F1} ms, bf16 {bf16:F1} ms |");
    }
}

if (bench is "train-cranfield" or "all")
{
    foreach (var precision in precisions)
    {
        var trainingPrecision = precision is null ? GenQ.Training.TrainingPrecision.Fp32 : GenQ.Training.TrainingPrecision.Bf16;
        var (result, pairs, q, p) = TrainingBench.Cranfield(steps, threads, attentionDropout, args.Contains("--bucketing"), trainingPrecision);
        Console.WriteLine($"| training, Trainer on Cranfield (title → abstract), {trainingPrecision} | {pairs} pairs, batch 32, dynamic padding, mean {q:F1} query / {p:F1} passage tokens (limits 64/256), {dropoutNote}{(args.Contains("--bucketing") ? ", length bucketing" : string.Empty)}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} | **{result.PairsPerSecond:F1} pairs/s** over {result.Steps} steps (incl. first step), peak RSS {PeakMemory.MiB():F0} MiB |");
    }
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
