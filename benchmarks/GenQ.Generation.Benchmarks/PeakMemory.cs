namespace GenQ.Generation.Benchmarks;

/// <summary>Peak resident memory of this process from /proc (Linux); resettable so each configuration gets its own peak.</summary>
internal static class PeakMemory
{
    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long PeakBytes() => ReadKilobytes("VmHWM:") * 1024;

    public static long CurrentBytes() => ReadKilobytes("VmRSS:") * 1024;

    private static long ReadKilobytes(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
