using System.Diagnostics;
using static TorchSharp.torch;

namespace GenQ.Training.Benchmarks;

/// <summary>
/// fp32 GEMM rate right now (2048×2048 matmul): the machine is shared, so training numbers are reported next to the
/// arithmetic rate available at the same moment.
/// </summary>
internal static class GemmCalibration
{
    public static double GflopsPerSecond(int repeats = 5)
    {
        using var a = randn(2048, 2048);
        using var b = randn(2048, 2048);
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
