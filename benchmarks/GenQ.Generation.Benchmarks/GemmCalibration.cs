using System.Diagnostics;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace GenQ.Generation.Benchmarks;

/// <summary>
/// The machine's fp32 GEMM rate right now, measured with ONNX Runtime itself (same library, threads and kernels as the
/// model): one MatMul [M, K] x [K, N] with a constant weight, the shape of the encoder's FFN at batch 8
/// (M = 2400 = 8 x 300 tokens, K = 768, N = 3072). The machine is shared, so this runs in every round next to the
/// configurations it rates. On CUDA the same MatMul runs on the GPU with both operands in GPU memory (constants, graph
/// optimisations off so nothing folds them) and the output bound there, so the rate is the GPU's, not the PCIe link's.
/// </summary>
internal sealed class GemmCalibration : IDisposable
{
    public const int M = 2400;
    public const int K = 768;
    public const int N = 3072;
    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly OrtMemoryInfo? _cuda;

    public GemmCalibration(int threads, bool cuda = false)
    {
        var random = new Random(3);
        var weight = new float[K * N];
        for (var i = 0; i < weight.Length; i++)
        {
            weight[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        }

        var a = new float[M * K];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)(random.NextDouble() - 0.5);
        }

        var graph = new GraphProto { Name = "gemm" };
        graph.Output.Add(Value("c", M, N));
        graph.Initializer.Add(Constant("w", weight, K, N));
        if (cuda)
        {
            graph.Initializer.Add(Constant("a", a, M, K));
        }
        else
        {
            graph.Input.Add(Value("a", M, K));
        }

        graph.Node.Add(new NodeProto { OpType = "MatMul", Name = "mm", Input = { "a", "w" }, Output = { "c" } });
        var model = new ModelProto { IrVersion = 8, Graph = graph, OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = 17 } } };
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        if (cuda)
        {
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
            options.AppendExecutionProvider_CUDA(0);
            _cuda = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default);
        }

        _session = new InferenceSession(model.ToByteArray(), options);
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
        if (_cuda is null)
        {
            using var result = _session.Run(runOptions, ["a"], [_input], ["c"]);
            return;
        }

        using var binding = _session.CreateIoBinding();
        binding.BindOutputToDevice("c", _cuda);
        _session.RunWithBinding(runOptions, binding);
        binding.SynchronizeBoundOutputs();
        using var outputs = binding.GetOutputValues();
    }

    private static TensorProto Constant(string name, float[] values, long rows, long cols) => new()
    {
        Name = name,
        DataType = (int)TensorProto.Types.DataType.Float,
        Dims = { rows, cols },
        RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())),
    };

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
        _cuda?.Dispose();
    }
}
