using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training;

/// <summary>Chooses the arithmetic for <see cref="TrainingPrecision.Auto"/> from what the hardware runs natively.</summary>
public static class PrecisionSupport
{
    private static readonly Lazy<string[]> CpuFlags = new(ReadCpuFlags);

    /// <summary>
    /// True when the CPU multiplies bfloat16 natively: AMX-BF16 tiles (Sapphire Rapids and later) or AVX512-BF16
    /// (Cooper Lake, Zen 4). oneDNN, which libtorch uses for bf16 matmuls on CPU, then beats float32 GEMM severalfold;
    /// without them bf16 is emulated and slower than float32.
    /// </summary>
    public static bool CpuHasNativeBf16 => CpuFlags.Value.Any(f => f is "amx_bf16" or "avx512_bf16");

    /// <summary>The precision <paramref name="requested"/> means on <paramref name="device"/>, with the reason (for the log).</summary>
    public static (TrainingPrecision Precision, string Reason) Resolve(TrainingPrecision requested, DeviceType device) => requested switch
    {
        TrainingPrecision.Fp32 or TrainingPrecision.Bf16 => (requested, "configured"),
        TrainingPrecision.Auto when device == DeviceType.CUDA => (TrainingPrecision.Fp32, "auto: bf16 on CUDA is opt-in (untested here)"),
        TrainingPrecision.Auto when CpuHasNativeBf16 => (TrainingPrecision.Bf16, "auto: CPU has native bfloat16 (amx_bf16/avx512_bf16)"),
        TrainingPrecision.Auto => (TrainingPrecision.Fp32, "auto: CPU has no native bfloat16"),
        _ => throw new ArgumentException($"TrainingOptions.Precision must be Auto, Fp32 or Bf16, not '{requested}'.", nameof(requested)),
    };

    /// <summary>The autocast dtype of a resolved precision (null: plain float32).</summary>
    public static ScalarType? AutocastDtype(TrainingPrecision resolved) => resolved == TrainingPrecision.Bf16 ? ScalarType.BFloat16 : null;

    private static string[] ReadCpuFlags()
    {
        try
        {
            // Linux only; elsewhere Auto falls back to float32, which is always correct.
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
            return line is null ? [] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
