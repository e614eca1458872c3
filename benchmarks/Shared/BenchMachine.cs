using System.Diagnostics;

namespace GenQ.Benchmarking;

/// <summary>What the bench ran on: lscpu's model name, cores, uptime's load averages (the machine is shared).</summary>
/// <remarks>Shared by the generation and generator-scaling benches (linked from benchmarks/Shared).</remarks>
internal static class BenchMachine
{
    public static string Describe() =>
        $"CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores; {Command("uptime").Trim()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";

    /// <summary>1, 5 and 15 minute load averages (Linux), so a noisy run shows in its own table.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Uptime() => Command("uptime").Trim();

    private static string CpuModel()
    {
        var lscpu = Command("lscpu").Split('\n').FirstOrDefault(l => l.StartsWith("Model name:", StringComparison.Ordinal));
        var cpuinfo = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var fromLscpu = lscpu?.Split(':', 2)[1].Trim();
        return fromLscpu == cpuinfo || cpuinfo is null ? fromLscpu ?? "unknown" : $"{fromLscpu} (lscpu; /proc/cpuinfo: {cpuinfo})";
    }

    private static string Command(string name)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(name) { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"({name} not available)";
        }
    }
}
