using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenQ.Search.Benchmarks;

/// <summary>What the numbers were measured on, and how busy the (shared) machine was.</summary>
internal static class Machine
{
    public static string Description =>
        $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.FrameworkDescription}, " +
        $"AVX2 {Avx2.IsSupported}, AVX-512 {Vector512.IsHardwareAccelerated}, AVX-VNNI {AvxVnni.IsSupported}";

    /// <summary>Other processes compete for the cores on a shared machine; the 1-minute load average says how much.</summary>
    public static string LoadAverage => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    public static double OneMinuteLoad => double.TryParse(LoadAverage.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    public static TimeSpan ProcessCpu => Process.GetCurrentProcess().TotalProcessorTime;
}
