using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GenQ.AppHost.Supervision;

/// <summary>
/// Aspire 13.6 has no restart policy for projects or executables (a killed process stays Finished/Exited in the
/// dashboard until someone presses Start), so the AppHost watches the resource notifications itself: an instance
/// that goes from running to a terminal state without passing through Stopping (which a Stop command and the
/// AppHost's own shutdown do) crashed, and is started again through its start command, after a capped exponential
/// backoff; a start that fails (a dependency it waits for crashed with it, e.g. redis-server) is tried again with the
/// same backoff. Each restart is logged, and the dashboard shows the new start of the resource.
/// </summary>
public sealed partial class CrashRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IOptions<RestartPolicyOptions> options,
    ILogger<CrashRestarter> logger,
    TimeProvider time) : BackgroundService
{
    private readonly ConcurrentDictionary<string, RestartBackoff> _backoff = new();
    private readonly ConcurrentDictionary<string, string?> _lastState = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                var state = update.Snapshot.State?.Text;
                var previous = _lastState.GetValueOrDefault(update.ResourceId);
                _lastState[update.ResourceId] = state;
                if (state == previous || !Crashed(previous, state))
                {
                    continue;
                }
                var backoff = _backoff.GetOrAdd(update.ResourceId, _ => new RestartBackoff(options.Value));
                var delay = backoff.NextDelay(time.GetUtcNow());
                LogCrash(update.ResourceId, state!, update.Snapshot.ExitCode, backoff.Restarts, delay);
                _ = RestartAfterAsync(update.ResourceId, delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is shutting down.
        }
    }

    /// <summary>Running (or starting) to a terminal state directly: nobody asked it to stop.</summary>
    private static bool Crashed(string? previous, string? state) =>
        previous is not null
        && (previous == KnownResourceStates.Running || previous == KnownResourceStates.RuntimeUnhealthy || previous == KnownResourceStates.Starting)
        && (state == KnownResourceStates.Finished || state == KnownResourceStates.Exited || state == KnownResourceStates.FailedToStart);

    private async Task RestartAfterAsync(string resourceId, TimeSpan delay, CancellationToken stoppingToken)
    {
        while (true)
        {
            string reason;
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                // Someone may have started it meanwhile (the dashboard's Start): then there is nothing to do.
                if (_lastState.GetValueOrDefault(resourceId) is { } state && state != KnownResourceStates.Finished
                    && state != KnownResourceStates.Exited && state != KnownResourceStates.FailedToStart)
                {
                    return;
                }
                var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken).ConfigureAwait(false);
                if (result.Success)
                {
                    LogRestarted(resourceId);
                    return;
                }
                reason = result.Message ?? "no reason given";
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // shutting down: no restart
            }
            catch (Exception ex)
            {
                reason = ex.Message;
            }
            // A start fails while a dependency it waits for is down too (redis-server killed with it): try again later.
            delay = _backoff.GetOrAdd(resourceId, _ => new RestartBackoff(options.Value)).NextDelay(time.GetUtcNow());
            LogRestartFailed(resourceId, reason, delay);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resource {ResourceId} stopped unexpectedly ({State}, exit code {ExitCode}); restart {Restart} in {Delay}")]
    private partial void LogCrash(string resourceId, string state, int? exitCode, int restart, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource {ResourceId} restarted")]
    private partial void LogRestarted(string resourceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting resource {ResourceId} failed: {Reason}; trying again in {Delay}")]
    private partial void LogRestartFailed(string resourceId, string reason, TimeSpan delay);
}
