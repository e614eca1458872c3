using System.Diagnostics;
using static TorchSharp.torch;

namespace GenQ.Training.Benchmarks;

/// <summary>
/// GEMM rate right now (fp32, or bf16 which oneDNN runs on AMX tiles where the CPU has them) (2048×2048 matmul): the machine is shared, so training numbers are reported next to the
/// arithmetic rate available at the same moment.
/// </summary>
internal static class GemmCalibration
{
    public static double GflopsPerSecond(int repeats = 5, ScalarType dtype = ScalarType.Float32)
    {
        using var a = randn(2048, 2048).to_type(dtype);
        using var b = randn(2048, 2048).to_type(dtype);
        using (var warm = a.matmul(b))
        {
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
        {
            using var c = a.matmul(b);
        }

        return repeats * 2.0 * 2048 * 2048 * 2048 / clock.Elapsed.TotalSeconds / 1e9;
    }
}
