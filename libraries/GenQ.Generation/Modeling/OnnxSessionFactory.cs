using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Modeling;

/// <summary>
/// Creates ONNX Runtime sessions on CUDA when its libraries load, else on CPU. <c>GetAvailableProviders()</c> lists what
/// the package was compiled with, not what this machine can run, so the only real check is appending the provider.
/// </summary>
internal sealed class OnnxSessionFactory
{
    private readonly int _intraOpThreads;

    private OnnxSessionFactory(bool useCuda, string reason, int intraOpThreads)
    {
        UseCuda = useCuda;
        Reason = reason;
        _intraOpThreads = intraOpThreads;
    }

    public bool UseCuda { get; }

    public string ProviderName => UseCuda ? "cuda" : "cpu";

    public string Reason { get; }

    public static OnnxSessionFactory Create(ExecutionProviderPreference preference, int intraOpThreads, ILogger logger)
    {
        OnnxSessionFactory factory;
        if (preference == ExecutionProviderPreference.Cpu)
        {
            factory = new OnnxSessionFactory(false, "CPU requested", intraOpThreads);
        }
        else
        {
            try
            {
                using var probe = new SessionOptions();
                probe.AppendExecutionProvider_CUDA(0);
                factory = new OnnxSessionFactory(true, "CUDA provider loaded", intraOpThreads);
            }
            catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                if (preference == ExecutionProviderPreference.Cuda)
                {
                    throw new InvalidOperationException($"CUDA execution provider requested but it does not load: {e.Message}", e);
                }

                factory = new OnnxSessionFactory(false, $"CUDA unavailable: {FirstLine(e.Message)}", intraOpThreads);
            }
        }

        GenerationLog.ProviderSelected(logger, factory.ProviderName, factory.Reason);
        return factory;
    }

    public InferenceSession Open(string modelPath)
    {
        using var options = Options();
        try
        {
            return new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime cannot load '{modelPath}': {e.Message}", e);
        }
    }

    /// <summary>A session for a graph GenQ builds in memory (<see cref="RowGatherGraph"/>), on the same provider as the model's.</summary>
    public InferenceSession Open(byte[] model)
    {
        using var options = Options();
        return new InferenceSession(model, options);
    }

    /// <summary>
    /// Where the sessions' outputs live when bound to their device: GPU 0's memory on CUDA, host memory on CPU. The
    /// caller owns the returned object.
    /// </summary>
    public OrtMemoryInfo CreateDeviceMemoryInfo() => UseCuda
        ? new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default)
        : new OrtMemoryInfo(OrtMemoryInfo.allocatorCPU, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default);

    private SessionOptions Options()
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (_intraOpThreads > 0)
        {
            options.IntraOpNumThreads = _intraOpThreads;
        }

        if (UseCuda)
        {
            options.AppendExecutionProvider_CUDA(0);
        }

        return options;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n');
        return end < 0 ? message : message[..end];
    }
}
