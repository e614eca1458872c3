using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Embeddings.Inference;

/// <summary>Opens ONNX Runtime sessions on CUDA when asked and its libraries load, else on CPU (the reason is logged).</summary>
internal static class OnnxSessionFactory
{
    /// <summary>
    /// Why CUDA did not load at this process's first attempt, or null. A machine does not gain a GPU stack while a
    /// process runs, so later sessions go straight to CPU: the trainer opens an encoder for every index job, and each
    /// failed load costs time and writes ONNX Runtime's own error line to stderr (red in the dashboard's console).
    /// </summary>
    private static string? s_cudaUnavailable;

    /// <summary>A session on the file <paramref name="modelPath"/>; CUDA first when asked.</summary>
    public static (InferenceSession Session, string Provider) Open(string modelPath, OnnxSessionSettings settings, ILogger logger)
    {
        if (settings.PreferCuda && Volatile.Read(ref s_cudaUnavailable) is { } known)
        {
            EncoderLog.CudaUnavailable(logger, known + " (from this process's first attempt; not tried again)");
        }
        else if (settings.PreferCuda)
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
                Volatile.Write(ref s_cudaUnavailable, ex.Message);
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
