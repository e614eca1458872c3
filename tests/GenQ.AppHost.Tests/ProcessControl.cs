using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenQ.AppHost.Tests;

/// <summary>What the chaos tests do to processes from outside, as the OOM killer or an operator would.</summary>
internal static class ProcessControl
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>Freezes a process and its children (SIGSTOP): what it has read it holds, and it acknowledges nothing.</summary>
    public static void Freeze(int pid)
    {
        foreach (var process in Tree(pid))
        {
            Signal(process, SigStop);
        }
    }

    /// <summary>Lets a frozen process and its children go on (SIGCONT); nothing happens to one that is gone.</summary>
    public static void Thaw(int pid)
    {
        foreach (var process in Tree(pid))
        {
            kill(process, SigCont);
        }
    }

    /// <summary>
    /// The process and all its descendants: the pid Aspire reports may be a launcher whose child is the service.
    /// </summary>
    public static IReadOnlyList<int> Tree(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && TryReadParent(directory, out var parent))
            {
                parents[child] = parent;
            }
        }
        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }
        return tree;
    }

    private static bool TryReadParent(string procDirectory, out int parent)
    {
        parent = 0;
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out parent);
        }
        catch (IOException)
        {
            return false; // the process ended meanwhile
        }
    }

    /// <summary>Kills the process at once, as a crash would (SIGKILL: no shutdown code runs).</summary>
    public static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true);
    }

    /// <summary>The process id Aspire reports for a resource instance, once it runs.</summary>
    public static int? Pid(ResourceEvent resourceEvent) =>
        resourceEvent.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) => pid,
            _ => null,
        };

    public static bool IsHealthy(ResourceEvent resourceEvent) =>
        resourceEvent.Snapshot.HealthStatus == HealthStatus.Healthy && resourceEvent.Snapshot.State?.Text == KnownResourceStates.Running;

    private static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
