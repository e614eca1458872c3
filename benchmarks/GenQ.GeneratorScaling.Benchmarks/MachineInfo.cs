using System.Diagnostics;

namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>What the bench ran on: CPU model, cores, date and load averages (the machine is shared).</summary>
internal static class MachineInfo
{
    public static string Describe() =>
        $"CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load {LoadAverage()}";

    /// <summary>1, 5 and 15 minute load averages, so a noisy measurement shows in its own row.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string CpuModel()
    {
        try
        {
            using var lscpu = Process.Start(new ProcessStartInfo("lscpu") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var line = lscpu.StandardOutput.ReadToEnd().Split('\n').FirstOrDefault(l => l.StartsWith("Model name:", StringComparison.Ordinal));
            lscpu.WaitForExit();
            if (line is not null)
            {
                return line.Split(':', 2)[1].Trim();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No lscpu: /proc/cpuinfo below.
        }

        return File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
    }
}
