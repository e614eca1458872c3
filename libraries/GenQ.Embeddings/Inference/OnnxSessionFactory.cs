using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Embeddings.Inference;

/// <summary>Opens ONNX Runtime sessions on CUDA when asked and its libraries load, else on CPU (the reason is logged).</summary>
internal static class OnnxSessionFactory
{
    /// <summary>A session on the file <paramref name="modelPath"/>; CUDA first when asked.</summary>
    public static (InferenceSession Session, string Provider) Open(string modelPath, OnnxSessionSettings settings, ILogger logger)
    {
        if (settings.PreferCuda)
        {
            var cudaOptions = NewSessionOptions(settings);
            try
            {
                cudaOptions.AppendExecutionProvider_CUDA(settings.CudaDeviceId);
                return (new InferenceSession(modelPath, cudaOptions), "CUDA");
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                // The provider list is compiled in; only loading the CUDA libraries tells whether a GPU stack is there.
                EncoderLog.CudaUnavailable(logger, ex.Message);
            }
            finally
            {
                cudaOptions.Dispose();
            }
        }

        using var cpuOptions = NewSessionOptions(settings);
        try
        {
            return (new InferenceSession(modelPath, cpuOptions), "CPU");
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"ONNX Runtime cannot load '{modelPath}': {ex.Message}", ex);
        }
    }

    private static SessionOptions NewSessionOptions(OnnxSessionSettings settings)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = settings.GraphOptimizationLevel,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (settings.IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = settings.IntraOpThreads;
        }

        if (!settings.AllowSpinning)
        {
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        if (settings.InterOpThreads > 0)
        {
            sessionOptions.InterOpNumThreads = settings.InterOpThreads;
        }

        return sessionOptions;
    }
}
