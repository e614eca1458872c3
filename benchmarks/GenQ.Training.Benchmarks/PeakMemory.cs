namespace GenQ.Training.Benchmarks;

/// <summary>Peak resident memory of this process (VmHWM from /proc/self/status), in MiB.</summary>
internal static class PeakMemory
{
    public static double MiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }
}
