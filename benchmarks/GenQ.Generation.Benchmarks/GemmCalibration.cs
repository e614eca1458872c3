using System.Diagnostics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace GenQ.Generation.Benchmarks;

/// <summary>
/// The machine's fp32 GEMM rate right now, measured with ONNX Runtime itself (same library, threads and kernels as the
/// model): one MatMul [M, K] x [K, N] with a constant weight, the shape of the encoder's FFN at batch 8
/// (M = 2400 = 8 x 300 tokens, K = 768, N = 3072). The machine is shared, so this runs in every round next to the
/// configurations it rates.
/// </summary>
internal sealed class GemmCalibration : IDisposable
{
    public const int M = 2400;
    public const int K = 768;
    public const int N = 3072;
    private readonly InferenceSession _session;
    private readonly OrtValue _input;

    public GemmCalibration(int threads)
    {
        var random = new Random(3);
        var weight = new float[K * N];
        for (var i = 0; i < weight.Length; i++)
        {
            weight[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        }

        var graph = new GraphProto { Name = "gemm" };
        graph.Input.Add(Value("a", M, K));
        graph.Output.Add(Value("c", M, N));
        var w = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, Dims = { K, N } };
        w.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weight.AsSpan()));
        graph.Initializer.Add(w);
        graph.Node.Add(new NodeProto { OpType = "MatMul", Name = "mm", Input = { "a", "w" }, Output = { "c" } });
        var model = new ModelProto { IrVersion = 8, Graph = graph, OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = 17 } } };
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        _session = new InferenceSession(model.ToByteArray(), options);
        var a = new float[M * K];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)(random.NextDouble() - 0.5);
        }

        _input = OrtValue.CreateTensorValueFromMemory(a, [M, K]);
    }

    /// <summary>
    /// GFLOP/s (2·M·K·N per run) of the best of <paramref name="repeats"/> timed runs after one warm-up, and GFLOP per
    /// CPU second of this process over all of them (what the threads do while they hold a core, robust to other load).
    /// </summary>
    public (double Wall, double PerCpuSecond) GflopsPerSecond(int repeats = 10)
    {
        Run();
        var best = double.MaxValue;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            Run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var flops = 2.0 * M * K * N;
        return (flops / best / 1e9, flops * repeats / cpuSeconds / 1e9);
    }

    private void Run()
    {
        using var runOptions = new RunOptions();
        using var result = _session.Run(runOptions, ["a"], [_input], ["c"]);
    }

    private static ValueInfoProto Value(string name, long rows, long cols)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = rows });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = cols });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }

    public void Dispose()
    {
        _input.Dispose();
        _session.Dispose();
    }
}
