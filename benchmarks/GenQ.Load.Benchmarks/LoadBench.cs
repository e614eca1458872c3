using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.Testing;

namespace GenQ.Load.Benchmarks;

/// <summary>Starts the AppHost, runs the load phase and the soak phase, prints the tables.</summary>
internal static class LoadBench
{
    private const string ApiKey = "load-bench-key";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly string[] Services = ["search-api", "generator-worker", "trainer-worker"];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        PrintMachine("start");
        var collection = Collection.Load(options.Collection);
        var background = Collection.Load(options.Background);
        Console.WriteLine($"collection {collection.Name}: {collection.CorpusLines.Count} documents ({collection.EmptyDocuments} empty dropped), "
            + $"{collection.Queries.Count} queries; background {background.Name}: {background.CorpusLines.Count} documents");

        var dataDirectory = Directory.CreateTempSubdirectory("genq-load-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.GenQ_AppHost>(
            [$"--GenQ:Redis:DataDirectory={Path.Combine(dataDirectory, "redis")}", "--GenQ:Redis:Mode=executable", $"--GenQ:Redis:Port={LoopbackPort.Free()}",
             $"--GenQ:DataDirectory={Path.Combine(dataDirectory, "data")}", $"--Parameters:api-key={ApiKey}"]);
        if (!options.KeepRateLimits)
        {
            // All traffic comes from one API key, which the limiter treats as one client.
            var api = builder.CreateResourceBuilder<ProjectResource>("search-api");
            api.WithEnvironment("RateLimits__Search__PermitLimit", "100000000");
            api.WithEnvironment("RateLimits__Upload__PermitLimit", "100000");
        }
        await using var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        using var stop = new CancellationTokenSource();
        using var sampler = new ProcessSampler(app);
        var started = Stopwatch.StartNew();
        await app.StartAsync().WaitAsync(StartTimeout);
        var watching = sampler.WatchAsync(stop.Token);
        foreach (var resource in new[] { "redis", "generator-worker", "trainer-worker", "search-api" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource).WaitAsync(StartTimeout);
        }
        Console.WriteLine($"app healthy after {started.Elapsed.TotalSeconds:F0} s (data in {dataDirectory})");

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = app.GetEndpoint("search-api", "http"),
            Timeout = TimeSpan.FromSeconds(100),
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var corpus = collection.Name;
        var mainRun = await UploadAsync(http, corpus, collection.Ndjson(0, options.MaxDocuments));
        Console.WriteLine($"uploaded {corpus}: run {mainRun}");
        var live = await WaitForLiveAsync(http, corpus, TimeSpan.FromMinutes(20));
        Console.WriteLine($"{corpus} live with {live} after {started.Elapsed.TotalSeconds:F0} s; run {mainRun} is {await StageAsync(http, mainRun)}");

        var errors = 0L;
        var load = options.Searches > 0 ? await LoadPhaseAsync(http, options, collection, background) : new LoadResult(0);
        errors += load.Errors;
        Console.WriteLine();
        var soakErrors = 0L;
        if (options.SoakMinutes > 0)
        {
            soakErrors = await SoakPhaseAsync(http, options, collection, sampler);
            errors += soakErrors;
        }

        await stop.CancelAsync();
        await watching;
        PrintMachine("end");
        Console.WriteLine($"RESULT: load {load.Errors} errors of {options.Searches}; soak {soakErrors} errors; total {errors}");
        return errors == 0 ? 0 : 1;
    }

    private sealed record LoadResult(long Errors);

    private static async Task<LoadResult> LoadPhaseAsync(HttpClient http, BenchOptions options, Collection collection, Collection background)
    {
        Console.WriteLine($"== load: {options.Searches} hybrid searches on {collection.Name}, {options.Clients} clients, "
            + $"while {background.Name} is uploaded and its run generates and trains ==");
        var backgroundRun = await UploadAsync(http, background.Name, background.Ndjson());
        var stages = new List<string>();
        using var stageWatch = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            // The background run's stage every 2 s: what the searches ran next to.
            while (!stageWatch.IsCancellationRequested)
            {
                var stage = await StageAsync(http, backgroundRun);
                lock (stages)
                {
                    if (stages.Count == 0 || stages[^1] != stage) { stages.Add(stage); }
                }
                try { await Task.Delay(2000, stageWatch.Token); } catch (OperationCanceledException) { }
            }
        });
        var stageAtStart = await StageAsync(http, backgroundRun);
        var latencies = new List<double>[options.Clients];
        var errorsByKind = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(client => Task.Run(async () =>
        {
            var own = latencies[client] = new List<double>(options.Searches / options.Clients + 1);
            for (var i = Interlocked.Increment(ref next); i < options.Searches; i = Interlocked.Increment(ref next))
            {
                var query = collection.Queries[i % collection.Queries.Count];
                var t0 = Stopwatch.GetTimestamp();
                var failure = await SearchAsync(http, collection.Name, query);
                own.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (failure is not null) { errorsByKind.AddOrUpdate(failure, 1, (_, n) => n + 1); }
                if ((i + 1) % 1000 == 0)
                {
                    Console.WriteLine($"load: {i + 1} searches started after {clock.Elapsed.TotalSeconds:F0} s, errors so far {errorsByKind.Values.Sum()}");
                }
            }
        })));
        var elapsed = clock.Elapsed;
        var stageAtEnd = await StageAsync(http, backgroundRun);
        await stageWatch.CancelAsync();
        await watcher;
        var all = latencies.SelectMany(l => l).ToList();
        var errors = errorsByKind.Values.Sum();
        Console.WriteLine($"load: {all.Count} searches in {elapsed.TotalSeconds:F1} s = {all.Count / elapsed.TotalSeconds:F1} searches/s; "
            + Latencies.Summary(all));
        Console.WriteLine($"load: errors {errors}" + (errors > 0 ? $" ({string.Join(", ", errorsByKind.Select(kv => $"{kv.Key}: {kv.Value}"))})" : ""));
        Console.WriteLine($"load: run {backgroundRun} ({background.Name}) stage at start {stageAtStart}, at end {stageAtEnd}; seen {string.Join(" -> ", stages)}");
        Console.WriteLine($"load: bench process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:F0} s");
        Console.WriteLine();
        Console.WriteLine("| searches | clients | errors | seconds | searches/s | p50 ms | p95 ms | p99 ms | max ms | background run stage start → end |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        all.Sort();
        Console.WriteLine($"| {all.Count} | {options.Clients} | {errors} | {elapsed.TotalSeconds:F0} | {all.Count / elapsed.TotalSeconds:F1} | "
            + $"{Latencies.Percentile(all, 50):F0} | {Latencies.Percentile(all, 95):F0} | {Latencies.Percentile(all, 99):F0} | {all[^1]:F0} | "
            + $"{stageAtStart} → {stageAtEnd} ({string.Join(" → ", stages)}) |");
        return new LoadResult(errors);
    }

    private static async Task<long> SoakPhaseAsync(HttpClient http, BenchOptions options, Collection collection, ProcessSampler sampler)
    {
        var duration = TimeSpan.FromMinutes(options.SoakMinutes);
        Console.WriteLine($"== soak: {options.SoakMinutes} min, {options.SoakRps} searches/s, an upload every {options.UploadSeconds} s "
            + $"(3 corpora, 40 documents each, replace), samples every {options.SampleSeconds} s ==");
        // Opens the GC counter sessions, so the first sample has the runtime's numbers (they report every 5 s).
        var warmUp = Stopwatch.StartNew();
        while (sampler.Sample(Services) is var first && first.Any(p => p.Gc is not { HeapAfterGcMiB: > 0 }) && warmUp.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var errorsByKind = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var latencies = new List<double>();
        var uploads = 0;
        var searches = 0;
        var clock = Stopwatch.StartNew();
        var end = clock.Elapsed + duration;

        var searchLoop = Task.Run(async () =>
        {
            // Paced (open loop): search number k starts at k / rps whatever the previous ones did; at most 16 in flight.
            var inFlight = new List<Task>();
            for (var k = 0; clock.Elapsed < end; k++)
            {
                var due = TimeSpan.FromSeconds(k / options.SoakRps);
                if (due > clock.Elapsed) { await Task.Delay(due - clock.Elapsed); }
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count >= 16) { await Task.WhenAny(inFlight); }
                var query = collection.Queries[(k * 7) % collection.Queries.Count];
                inFlight.Add(Task.Run(async () =>
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var failure = await SearchAsync(http, collection.Name, query);
                    var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    lock (latencies) { latencies.Add(ms); searches++; }
                    if (failure is not null) { errorsByKind.AddOrUpdate("search " + failure, 1, (_, n) => n + 1); }
                }));
            }
            await Task.WhenAll(inFlight);
        });
        var uploadLoop = Task.Run(async () =>
        {
            for (var u = 0; clock.Elapsed < end; u++)
            {
                var name = $"soak-{u % 3}";
                var take = 40;
                var skip = (u * take) % Math.Max(1, collection.CorpusLines.Count - take);
                try
                {
                    await UploadAsync(http, name, collection.Ndjson(skip, take));
                    Interlocked.Increment(ref uploads);
                }
                catch (Exception ex)
                {
                    errorsByKind.AddOrUpdate("upload " + ex.Message, 1, (_, n) => n + 1);
                }
                var due = TimeSpan.FromSeconds((u + 1) * options.UploadSeconds);
                if (due > clock.Elapsed) { await Task.Delay(due - clock.Elapsed); }
            }
        });

        var samples = new List<(TimeSpan At, IReadOnlyList<ProcessSample> Processes)>();
        PrintSampleHeader();
        for (var s = 0; ; s++)
        {
            var at = clock.Elapsed;
            var sample = sampler.Sample(Services);
            samples.Add((at, sample));
            PrintSample(at, sample);
            var due = TimeSpan.FromSeconds((s + 1) * options.SampleSeconds);
            if (due > duration) { break; }
            await Task.Delay(due - clock.Elapsed);
        }
        await Task.WhenAll(searchLoop, uploadLoop);
        var final = sampler.Sample(Services);
        samples.Add((clock.Elapsed, final));
        PrintSample(clock.Elapsed, final);

        PrintFirstLast("soak", samples[0].Processes, final);
        var errors = errorsByKind.Values.Sum();
        Console.WriteLine();
        Console.WriteLine($"soak: {clock.Elapsed.TotalMinutes:F1} min, {searches} searches ({Latencies.Summary(latencies)}), {uploads} uploads, errors {errors}"
            + (errors > 0 ? $" ({string.Join(", ", errorsByKind.Select(kv => $"{kv.Key}: {kv.Value}"))})" : ""));

        if (options.SettleMinutes > 0)
        {
            // No uploads, no searches: what stays is held, what returns was work in flight. A run still training
            // finishes (or is cancelled) in this time, so the trainer's number is its idle memory after the load.
            Console.WriteLine();
            Console.WriteLine($"== settle: {options.SettleMinutes} min without load, samples every {options.SampleSeconds} s ==");
            PrintSampleHeader();
            var settleEnd = clock.Elapsed + TimeSpan.FromMinutes(options.SettleMinutes);
            IReadOnlyList<ProcessSample> settled = final;
            while (clock.Elapsed + TimeSpan.FromSeconds(options.SampleSeconds) <= settleEnd + TimeSpan.FromSeconds(1))
            {
                await Task.Delay(TimeSpan.FromSeconds(options.SampleSeconds));
                settled = sampler.Sample(Services);
                PrintSample(clock.Elapsed, settled);
            }
            PrintFirstLast("soak start vs end of settle", samples[0].Processes, settled);
        }
        return errors;
    }

    private static void PrintSampleHeader()
    {
        Console.WriteLine("| t (s) | instance | pid | RSS MiB | anon MiB | GC heap after GC MiB | GC committed MiB | anon − GC committed MiB | GCs gen0/1/2 | threads | fds |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|");
    }

    private static void PrintSample(TimeSpan at, IReadOnlyList<ProcessSample> sample)
    {
        foreach (var p in sample)
        {
            var gc = p.Gc is { } g
                ? $"{g.HeapAfterGcMiB:F1} | {g.CommittedMiB:F0} | {p.AnonMiB - g.CommittedMiB:F0} | {g.Gen0}/{g.Gen1}/{g.Gen2}"
                : "– | – | – | –";
            Console.WriteLine($"| {at.TotalSeconds:F0} | {p.Instance} | {p.Pid} | {p.RssMiB:F0} | {p.AnonMiB:F0} | {gc} | {p.Threads} | {p.Fds} |");
        }
    }

    private static void PrintFirstLast(string title, IReadOnlyList<ProcessSample> firstSample, IReadOnlyList<ProcessSample> lastSample)
    {
        Console.WriteLine();
        Console.WriteLine($"first vs last sample per instance, {title} (ratio last / first):");
        Console.WriteLine("| instance | RSS MiB first → last (×) | anon MiB first → last (×) | GC heap after GC MiB first → last | GC committed MiB first → last | threads first → last | fds first → last (×) | pid changed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var first = firstSample.ToDictionary(p => p.Instance);
        foreach (var last in lastSample)
        {
            if (!first.TryGetValue(last.Instance, out var f))
            {
                Console.WriteLine($"| {last.Instance} | new instance | | | | | | |");
                continue;
            }
            var heap = f.Gc is { } fg && last.Gc is { } lg ? $"{fg.HeapAfterGcMiB:F1} → {lg.HeapAfterGcMiB:F1}" : "–";
            var committed = f.Gc is { } fc && last.Gc is { } lc ? $"{fc.CommittedMiB:F0} → {lc.CommittedMiB:F0}" : "–";
            Console.WriteLine($"| {last.Instance} | {f.RssMiB:F0} → {last.RssMiB:F0} ({last.RssMiB / f.RssMiB:F2}) | {f.AnonMiB:F0} → {last.AnonMiB:F0} "
                + $"({last.AnonMiB / f.AnonMiB:F2}) | {heap} | {committed} | {f.Threads} → {last.Threads} | {f.Fds} → {last.Fds} ({(double)last.Fds / f.Fds:F2}) | "
                + $"{(f.Pid == last.Pid ? "no" : $"{f.Pid} → {last.Pid}")} |");
        }
    }

    /// <summary>One hybrid search (the served default); null when it succeeded, else what went wrong.</summary>
    private static async Task<string?> SearchAsync(HttpClient http, string corpus, string query)
    {
        try
        {
            using var response = await http.GetAsync($"/api/search?corpus={Uri.EscapeDataString(corpus)}&q={Uri.EscapeDataString(query)}&top_k=10");
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}";
            }
            // Read the body so a response cut short counts too.
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            return body.RootElement.TryGetProperty("hits", out _) ? null : "no hits field";
        }
        catch (Exception ex)
        {
            return ex.GetType().Name;
        }
    }

    private static async Task<string> UploadAsync(HttpClient http, string corpus, string ndjson)
    {
        using var response = await http.PostAsync($"/api/corpora/{corpus}/documents", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"upload to {corpus}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    private static async Task<string> StageAsync(HttpClient http, string runId)
    {
        try
        {
            var run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            var stage = run.GetProperty("stage").GetString() ?? "?";
            return run.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? $"{stage}" : stage;
        }
        catch (Exception ex)
        {
            return $"unknown ({ex.GetType().Name})";
        }
    }

    private static async Task<string> WaitForLiveAsync(HttpClient http, string corpus, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync($"/api/corpora/{corpus}");
            if (response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("activeModelVersion", out var v)
                && v.ValueKind == JsonValueKind.String)
            {
                return v.GetString()!;
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException($"{corpus} had no live version after {timeout}");
    }

    private static void PrintMachine(string when)
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        Console.WriteLine($"[{when}] {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC, {Environment.ProcessorCount} cores, CPU {model}, "
            + $"load averages {File.ReadAllText("/proc/loadavg").Trim()} (machine shared with other engineers' builds and tests)");
    }
}
