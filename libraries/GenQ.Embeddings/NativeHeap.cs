using System.Globalization;
using System.Runtime.InteropServices;

namespace GenQ.Embeddings;

/// <summary>
/// Gives the memory a finished run freed back to the operating system. libtorch (and ONNX Runtime) allocate through
/// glibc's malloc, which keeps freed blocks in its arenas instead of unmapping them: measured on MiniLM, a process
/// that had trained one run still held ~1.3 GiB of anonymous memory after a full GC, of which <c>malloc_trim(0)</c>
/// returned ~0.9 GiB. A worker that trains one run after another otherwise keeps its highest peak for good and adds
/// fragmentation to it, so each later run's peak starts higher.
/// </summary>
public static class NativeHeap
{
    /// <summary>
    /// A full blocking GC (finalizes stray native handles; the run's large managed arrays go), then
    /// <c>malloc_trim(0)</c> where glibc provides it. Returns the process' resident anonymous memory before and after,
    /// in MiB (null where /proc is not readable). Costs a few hundred milliseconds: call it between runs, not per step.
    /// </summary>
    public static (double? BeforeMiB, double? AfterMiB) Release()
    {
        var before = AnonymousResidentMiB();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Trim();
        return (before, AnonymousResidentMiB());
    }

    /// <summary>
    /// Only <c>malloc_trim(0)</c> (no GC): after native objects were disposed, e.g. an ONNX Runtime session. Measured on
    /// the int8 MiniLM query encoder (docs/benchmarks/soak-memory.md, "query encoder probe"): loading a new session and
    /// disposing the old one every 30 s grew anonymous memory by ~25 MiB per swap without it, and stayed flat with it.
    /// A few milliseconds; a no-op where glibc is absent.
    /// </summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to trim this way.
        }
    }

    /// <summary>RssAnon of this process from /proc/self/status, in MiB; null elsewhere.</summary>
    public static double? AnonymousResidentMiB()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    var kib = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1];
                    return double.Parse(kib, CultureInfo.InvariantCulture) / 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
