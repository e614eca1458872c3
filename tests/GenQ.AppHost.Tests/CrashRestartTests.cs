using System.Diagnostics;
using Aspire.Hosting;
using System.Globalization;
using Xunit.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenQ.AppHost.Tests;

/// <summary>
/// The real app model: processes killed from outside (as the OOM killer or a crash would) come back by themselves.
/// </summary>
public sealed class CrashRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AKilledTrainerAndAKilledRedisServerComeBackHealthyWithoutAnyoneStartingThem()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("genq-apphost-restart-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.GenQ_AppHost>(
            [$"--GenQ:Redis:DataDirectory={Path.Combine(dataDirectory, "redis")}", "--GenQ:Redis:Mode=executable",
             $"--GenQ:DataDirectory={Path.Combine(dataDirectory, "data")}", "--GenQ:GeneratorReplicas=1",
             "--GenQ:Restart:InitialDelay=00:00:00.5"]);
        await using var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await app.StartAsync().WaitAsync(StartTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("trainer-worker").WaitAsync(StartTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis").WaitAsync(StartTimeout);

        var clock = Stopwatch.StartNew();
        await KillAndAwaitRecoveryAsync(app, "trainer-worker");
        var trainerRecovery = clock.Elapsed;

        clock.Restart();
        await KillAndAwaitRecoveryAsync(app, "redis");
        // The trainer's queue consumer lost Redis with it: it must read again, so the trainer is healthy again too.
        await app.ResourceNotifications.WaitForResourceAsync("trainer-worker",
            e => e.Snapshot.HealthStatus == HealthStatus.Healthy).WaitAsync(RecoveryTimeout);
        var redisRecovery = clock.Elapsed;

        output.WriteLine($"trainer-worker healthy again {trainerRecovery.TotalSeconds:0.0} s after the kill; redis and trainer {redisRecovery.TotalSeconds:0.0} s");
        Assert.True(trainerRecovery < RecoveryTimeout, $"trainer back in {trainerRecovery}");
        Assert.True(redisRecovery < RecoveryTimeout, $"redis back in {redisRecovery}");
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
