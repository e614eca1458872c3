using System.Diagnostics;
using GenQ.Testing;

namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>
/// One real generator-worker replica: the service's Release dll run with <c>dotnet</c>, configured by environment
/// variables exactly as Aspire configures it (connection string "redis", Generation__* settings), on its own port.
/// Counts the batches it reports in its log, so the bench can see that every replica did work.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const int KeptLogLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private int _batches;

    private WorkerProcess(Process process, string name, int port)
    {
        _process = process;
        Name = name;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Name { get; }

    public string Url { get; }

    /// <summary>Batches this replica has generated (its "... queries for ... passages by T5 ..." log lines).</summary>
    public int Batches => Volatile.Read(ref _batches);

    public bool HasExited => _process.HasExited;

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static WorkerProcess Start(string workerDll, string name, WorkerSettings settings)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { workerDll },
            WorkingDirectory = Path.GetDirectoryName(workerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ConnectionStrings__redis"] = settings.RedisConnectionString;
        env["JobQueueOptions__ConsumerName"] = name;
        env["Generation__Generator"] = "T5";
        env["Generation__ModelPath"] = settings.ModelPath;
        env["Generation__IntraOpThreads"] = settings.Threads.ToString();
        env["Generation__MaxNewTokens"] = settings.NewTokens.ToString();
        env["Generation__MinNewTokens"] = settings.NewTokens.ToString();
        env["Generation__BatchSize"] = settings.BatchSize.ToString();
        env["Generation__QueriesPerPassage"] = settings.QueriesPerPassage.ToString();
        env["Generation__Provider"] = settings.Provider;
        // An OTLP endpoint inherited from a dev shell would make every replica export telemetry during the measurement.
        env.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), name, port);
        worker._process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Polls GET /health until it answers 200, the process exits, or the deadline passes.</summary>
    public async Task WaitHealthyAsync(HttpClient http, DateTime deadline, CancellationToken cancellation)
    {
        while (true)
        {
            ThrowIfExited();
            try
            {
                using var response = await http.GetAsync($"{Url}/health", cancellation);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not healthy at {Url}/health in time. Last log lines:\n{LastLines()}");
            }

            await Task.Delay(200, cancellation);
        }
    }

    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}. Last log lines:\n{LastLines()}");
        }
    }

    public string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(" queries for ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _batches);
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > KeptLogLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>What every replica of one measurement is started with.</summary>
internal sealed record WorkerSettings(string RedisConnectionString, string ModelPath, int Threads, int NewTokens, int BatchSize, int QueriesPerPassage, string Provider);
