using System.Diagnostics;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Measures how often this machine stops running a busy thread (a "hiccup" meter): each probe thread reads the clock
/// in a tight loop with nothing else to do and records every gap between two reads. On a dedicated core the gaps are
/// microseconds; gaps of milliseconds are time the thread did not run (the host took the virtual CPU away, or the
/// kernel ran something else). Such a gap in the middle of a query encoding is a stall no scheduling in GenQ can avoid.
/// </summary>
internal static class HostStallProbe
{
    private static readonly double[] Thresholds = [0.5, 1, 5, 10, 20, 50];

    public static void Print(int threads, TimeSpan duration)
    {
        var gaps = OnThreads(threads, () => Spin(duration));
        var all = gaps.SelectMany(g => g).ToList();
        var counts = string.Join(" | ", Thresholds.Select(ms => all.Count(g => g >= ms)));
        Console.WriteLine($"| {threads} | {duration.TotalSeconds:F0} | {counts} | {(all.Count == 0 ? 0 : all.Max()):F1} | " +
            $"{all.Where(g => g >= 1).Sum() / threads / duration.TotalMilliseconds * 100:F2} % | {Machine.LoadAverage.Split(' ')[0]} |");
    }

    /// <summary>
    /// The same for speed instead of stops: each thread repeats one fixed piece of arithmetic (about a quarter of a millisecond of
    /// dot products over an L2-sized buffer) and records how long each repetition took. On a quiet dedicated core every
    /// repetition takes the same time; slow spells show up as a long tail and as runs of consecutive slow repetitions.
    /// </summary>
    public static void PrintWorkTimes(int threads, TimeSpan duration)
    {
        var times = OnThreads(threads, () => Work(duration));
        var all = times.SelectMany(x => x).Order().ToArray();
        var median = all[all.Length / 2];
        // Longest run of consecutive repetitions at least 1.5x the median, on any thread: a spell, not a single hiccup.
        var longestSpell = times.Max(list => list.Aggregate((Run: 0, Best: 0), (acc, ms) => ms >= 1.5 * median
            ? (acc.Run + 1, Math.Max(acc.Best, acc.Run + 1)) : (0, acc.Best)).Best);
        Console.WriteLine($"| {threads} | {all.Length} | {median:F3} | {all[(int)(all.Length * 0.99)]:F3} | {all[^1]:F1} | " +
            $"{all.Count(ms => ms >= 1.5 * median) * 100.0 / all.Length:F1} % | {longestSpell} ({longestSpell * median:F0} ms) | {Machine.LoadAverage.Split(' ')[0]} |");
    }

    public static void PrintWorkHeader()
    {
        Console.WriteLine("| busy threads | repetitions | median ms | p99 ms | max ms | repetitions ≥ 1.5x median | longest slow spell (repetitions) | load |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
    }

    public static void PrintHeader()
    {
        Console.WriteLine($"| busy threads | seconds | {string.Join(" | ", Thresholds.Select(ms => $"gaps ≥ {ms} ms"))} | longest gap ms | time lost in gaps ≥ 1 ms | load |");
        Console.WriteLine($"|---:|---:|{string.Concat(Thresholds.Select(_ => "---:|"))}---:|---:|---|");
    }

    // Runs probe on that many dedicated threads at once (not the pool: each must own a core while it runs).
    private static List<double>[] OnThreads(int threads, Func<List<double>> probe)
    {
        var results = new List<double>[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() => results[t] = probe()) { Name = $"host-probe-{t}" }).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return results;
    }

    private static List<double> Work(TimeSpan duration)
    {
        var buffer = Enumerable.Range(0, 64 * 1024).Select(i => (float)(i % 7)).ToArray(); // 256 KiB: stays in L2
        var times = new List<double>();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var sink = 0f;
        while (Stopwatch.GetTimestamp() < end)
        {
            var t0 = Stopwatch.GetTimestamp();
            for (var pass = 0; pass < 40; pass++)
            {
                sink += System.Numerics.Tensors.TensorPrimitives.Dot(buffer, buffer);
            }

            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return sink > 0 ? times : times; // sink keeps the work from being optimised away
    }

    // Gaps of at least 0.5 ms between two successive clock reads, in milliseconds.
    private static List<double> Spin(TimeSpan duration)
    {
        var gaps = new List<double>();
        var threshold = (long)(0.0005 * Stopwatch.Frequency);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var previous = Stopwatch.GetTimestamp();
        while (previous < end)
        {
            var now = Stopwatch.GetTimestamp();
            if (now - previous >= threshold)
            {
                gaps.Add((now - previous) * 1000.0 / Stopwatch.Frequency);
            }

            previous = now;
        }

        return gaps;
    }
}
