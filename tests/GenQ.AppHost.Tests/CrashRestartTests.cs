using System.Diagnostics;
using Aspire.Hosting;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using GenQ.Testing;

namespace GenQ.AppHost.Tests;

/// <summary>
/// The real app model: processes killed from outside (as the OOM killer or a crash would) come back by themselves.
/// </summary>
public sealed class CrashRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AKilledTrainerAndAKilledRedisServerComeBackHealthyWithoutAnyoneStartingThemAndAStoppedOneStaysStopped()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("genq-apphost-restart-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.GenQ_AppHost>(
            [$"--GenQ:Redis:DataDirectory={Path.Combine(dataDirectory, "redis")}", "--GenQ:Redis:Mode=executable", $"--GenQ:Redis:Port={LoopbackPort.Free()}",
             $"--GenQ:DataDirectory={Path.Combine(dataDirectory, "data")}", "--GenQ:GeneratorReplicas=1",
             "--GenQ:Restart:InitialDelay=00:00:00.5"]);
        await using var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await app.StartAsync().WaitAsync(StartTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("trainer-worker").WaitAsync(StartTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis").WaitAsync(StartTimeout);

        var clock = Stopwatch.StartNew();
        await KillAndAwaitRecoveryAsync(app, "trainer-worker");
        var trainerRecovery = clock.Elapsed;

        // redis-server killed: it comes back, and a queue consumer that lost it (a generator's) reads again.
        using var generator = app.CreateHttpClient("generator-worker");
        var outageSeen = WaitForHealthBodyAsync(generator, body => body != "Healthy");
        clock.Restart();
        await KillAndAwaitRecoveryAsync(app, "redis");
        await outageSeen;
        await WaitForHealthBodyAsync(generator, body => body == "Healthy");
        var redisRecovery = clock.Elapsed;

        // A stop someone asked for is not a crash: redis-server (which stops at once on SIGTERM) stays stopped.
        var running = await app.ResourceNotifications.WaitForResourceAsync("redis", e => Pid(e) is not null).WaitAsync(RecoveryTimeout);
        var stop = await app.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(running.ResourceId, KnownResourceCommands.StopCommand);
        Assert.True(stop.Success, stop.Message);
        var stopped = await app.ResourceNotifications.WaitForResourceAsync("redis",
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text)).WaitAsync(RecoveryTimeout);
        // Watched for ten times the first restart delay: a wrongful restart would have begun by then.
        var watchUntil = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < watchUntil)
        {
            Assert.True(app.ResourceNotifications.TryGetCurrentState(stopped.ResourceId, out var now));
            Assert.Contains(now.Snapshot.State?.Text, KnownResourceStates.TerminalStates);
            await Task.Delay(100);
        }

        output.WriteLine($"trainer-worker healthy again {trainerRecovery.TotalSeconds:0.0} s after the kill; redis and the generator {redisRecovery.TotalSeconds:0.0} s");
        Assert.True(trainerRecovery < RecoveryTimeout, $"trainer back in {trainerRecovery}");
        Assert.True(redisRecovery < RecoveryTimeout, $"redis back in {redisRecovery}");
    }

    /// <summary>Polls the service's own /health (its body is Healthy, Degraded or Unhealthy) until it satisfies <paramref name="done"/>.</summary>
    private static async Task WaitForHealthBodyAsync(HttpClient http, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + RecoveryTimeout;
        var body = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                body = await http.GetStringAsync("/health");
            }
            catch (HttpRequestException ex) when (ex.StatusCode is not null)
            {
                body = ex.StatusCode.ToString()!; // 503: Unhealthy
            }
            if (done(body))
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"/health still answered '{body}' after {RecoveryTimeout}.");
    }

    private static async Task KillAndAwaitRecoveryAsync(DistributedApplication app, string resource)
    {
        var running = await app.ResourceNotifications.WaitForResourceAsync(resource, e => Pid(e) is not null).WaitAsync(RecoveryTimeout);
        var pid = Pid(running)!.Value;
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
        }

        // A new process (another pid), started by the AppHost alone, that passes its health check.
        var back = await app.ResourceNotifications.WaitForResourceAsync(resource,
            e => Pid(e) is { } newPid && newPid != pid && e.Snapshot.HealthStatus == HealthStatus.Healthy).WaitAsync(RecoveryTimeout);
        Assert.Equal(KnownResourceStates.Running, back.Snapshot.State?.Text);
    }

    private static int? Pid(ResourceEvent resourceEvent) =>
        resourceEvent.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) => pid,
            _ => null,
        };
}
