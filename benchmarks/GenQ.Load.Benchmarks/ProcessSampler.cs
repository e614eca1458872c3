using System.Collections.Concurrent;
using System.Globalization;

namespace GenQ.Load.Benchmarks;

/// <summary>One sample of a service process read from /proc: resident memory, its anonymous part (the heap side),
/// threads and open file descriptors; and its managed heap as the runtime reported it (null before the first report).</summary>
internal sealed record ProcessSample(string Instance, int Pid, double RssMiB, double AnonMiB, int Threads, int Fds, GcSample? Gc = null);

/// <summary>
/// Knows the pid of every resource instance from the AppHost's resource notifications (<c>executable.pid</c>, which
/// also follows restarts) and reads their /proc entries.
/// </summary>
internal sealed class ProcessSampler(DistributedApplication app) : IDisposable
{
    private readonly GcCounters _gc = new();
    private readonly ConcurrentDictionary<string, (string Resource, int Pid)> _pids = new(StringComparer.Ordinal);

    public Task WatchAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        try
        {
            await foreach (var e in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                var value = e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
                int? pid = value switch
                {
                    int i => i,
                    long l => (int)l,
                    string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) => p,
                    _ => null,
                };
                if (pid is { } known)
                {
                    _pids[e.ResourceId] = (e.Resource.Name, known);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }, CancellationToken.None);

    public IReadOnlyList<ProcessSample> Sample(params string[] resources) =>
        _pids.Where(kv => resources.Contains(kv.Value.Resource))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => Read(kv.Key, kv.Value.Pid))
            .Where(s => s is not null)
            .Select(s => s! with { Gc = _gc.Latest(s.Pid) })
            .ToList();

    public void Dispose() => _gc.Dispose();

    private static ProcessSample? Read(string instance, int launcher)
    {
        try
        {
            var pid = ServiceProcess(launcher);
            double rss = 0, anon = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) { rss = Kib(line) / 1024; }
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) { anon = Kib(line) / 1024; }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal)) { threads = (int)Kib(line); }
            }
            var fds = Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
            return new ProcessSample(instance, pid, rss, anon, threads, fds);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the process went away between the notification and the read
        }
    }

    /// <summary>A project resource's <c>executable.pid</c> is the <c>dotnet run --no-build</c> launcher (about 130 MiB,
    /// the same for every service); the service is its child process.</summary>
    private static int ServiceProcess(int pid)
    {
        var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        if (!args.Contains("run") || !args.Contains("--project"))
        {
            return pid;
        }
        var children = Directory.GetDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture))
            .ToList();
        return children.Count == 1 ? children[0] : pid;
    }

    private static double Kib(string line) =>
        double.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
