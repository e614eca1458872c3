using System.Diagnostics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// The fp32 GEMM rate of ONNX Runtime (MLAS) on this CPU: one-node MatMul models [m, k] x [k, n] (constant weight, as in
/// the encoder), one intra-op thread. With all-MiniLM-L6-v2's FLOPs per passage it bounds fp32 encoding throughput.
/// </summary>
internal static class GemmProbe
{
    /// <summary>Multiply-adds x 2 of all-MiniLM-L6-v2 (6 layers, hidden 384, FFN 1536) for one passage of <paramref name="tokens"/> tokens.</summary>
    public static double FlopsPerPassage(int tokens)
    {
        const double h = 384, ffn = 1536, layers = 6;
        var projections = 2.0 * tokens * h * h * 4;           // Q, K, V, attention output
        var feedForward = 2.0 * tokens * h * ffn * 2;         // intermediate + output
        var attention = 2.0 * tokens * tokens * h * 2;        // scores and context over all heads
        return layers * (projections + feedForward + attention);
    }

    public static void Print()
    {
        Console.WriteLine();
        Console.WriteLine("fp32 GEMM in ONNX Runtime (one-node MatMul, constant [k, n] weight, 1 intra-op thread, spinning off)");
        Console.WriteLine("| m x k x n | wall GFLOP/s (best) | GFLOP per CPU-second | load |");
        Console.WriteLine("|---|---:|---:|---:|");
        var shapes = new (int M, int K, int N)[] { (2048, 384, 1536), (1920, 384, 384), (1920, 384, 1152), (1920, 384, 1536), (1920, 1536, 384) };
        var perCpu = new Dictionary<(int, int, int), double>();
        foreach (var shape in shapes)
        {
            var (best, cpuRate, _) = Measure(shape.M, shape.K, shape.N);
            perCpu[shape] = cpuRate;
            Console.WriteLine($"| {shape.M} x {shape.K} x {shape.N} | {best:F1} | {cpuRate:F1} | {Machine.OneMinuteLoad:F1} |");
        }

        // Seconds of GEMM per 60-token passage at the measured per-shape rates (batch 32 x 60 tokens = 1920 rows).
        const int tokens = 60;
        var seconds = 6 * ((2.0 * tokens * 384 * 1152 / perCpu[(1920, 384, 1152)])
            + (2.0 * tokens * 384 * 384 / perCpu[(1920, 384, 384)])
            + (2.0 * tokens * 384 * 1536 / perCpu[(1920, 384, 1536)])
            + (2.0 * tokens * 1536 * 384 / perCpu[(1920, 1536, 384)])
            + (2.0 * tokens * tokens * 384 * 2 / perCpu[(1920, 384, 384)])) / 1e9;
        var flops = FlopsPerPassage(tokens);
        var big = perCpu[(2048, 384, 1536)];
        Console.WriteLine($"FLOPs per 60-token passage: {flops / 1e9:F3} GFLOP");
        Console.WriteLine($"Ceiling on 2 cores at the 2048x384x1536 rate: 2 x {big:F1} / {flops / 1e9:F3} = {2 * big * 1e9 / flops:F0} passages/s");
        Console.WriteLine($"Ceiling on 2 cores at the per-shape rates (GEMM only, nothing else): {2 / seconds:F0} passages/s");

        // Both vCPUs at once (two 1-thread sessions): shows whether they share execution units, and what the load leaves.
        var (wall2, cpu2) = MeasureConcurrent(2048, 384, 1536, 2);
        Console.WriteLine($"2 concurrent 1-thread sessions, 2048 x 384 x 1536: {wall2:F1} GFLOP/s together (wall), {cpu2:F1} GFLOP per CPU-second (load {Machine.OneMinuteLoad:F1})");
    }

    private static (double Wall, double PerCpuSecond) MeasureConcurrent(int m, int k, int n, int sessions)
    {
        var cpu0 = Machine.ProcessCpu;
        var clock = Stopwatch.StartNew();
        var runs = Enumerable.Range(0, sessions).Select(_ => Task.Run(() => Measure(m, k, n).Runs)).ToArray();
        Task.WaitAll(runs);
        var seconds = clock.Elapsed.TotalSeconds;
        var flops = 2.0 * m * k * n * runs.Sum(r => r.Result);
        return (flops / seconds / 1e9, flops / (Machine.ProcessCpu - cpu0).TotalSeconds / 1e9);
    }

    private static (double BestWall, double PerCpuSecond, int Runs) Measure(int m, int k, int n)
    {
        var random = new Random(7);
        var weight = new float[k * n];
        for (var i = 0; i < weight.Length; i++)
        {
            weight[i] = (float)(random.NextDouble() - 0.5);
        }

        var input = new float[m * k];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(random.NextDouble() - 0.5);
        }

        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var session = new InferenceSession(Model(m, k, n, weight), options);
        using var a = OrtValue.CreateTensorValueFromMemory(input, [m, k]);
        using var run = new RunOptions();
        var flops = 2.0 * m * k * n;
        for (var i = 0; i < 3; i++)
        {
            using var warm = session.Run(run, ["a"], [a], ["c"]);
        }

        var best = 0.0;
        var cpu0 = Machine.ProcessCpu;
        var total = Stopwatch.StartNew();
        var runs = 0;
        while (total.Elapsed.TotalSeconds < 1.5)
        {
            var clock = Stopwatch.StartNew();
            using var result = session.Run(run, ["a"], [a], ["c"]);
            best = Math.Max(best, flops / clock.Elapsed.TotalSeconds / 1e9);
            runs++;
        }

        var cpu = (Machine.ProcessCpu - cpu0).TotalSeconds;
        return (best, flops * runs / cpu / 1e9, runs);
    }

    private static byte[] Model(int m, int k, int n, float[] weight)
    {
        var graph = new GraphProto { Name = "gemm" };
        graph.Input.Add(Info("a", m, k));
        graph.Output.Add(Info("c", m, n));
        var b = new TensorProto { Name = "b", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(weight.AsSpan())) };
        b.Dims.AddRange([k, n]);
        graph.Initializer.Add(b);
        graph.Node.Add(new NodeProto { OpType = "MatMul", Name = "matmul", Input = { "a", "b" }, Output = { "c" } });
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model.ToByteArray();
    }

    private static ValueInfoProto Info(string name, long rows, long columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = rows });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }
}
