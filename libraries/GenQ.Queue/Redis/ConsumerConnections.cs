using StackExchange.Redis;

namespace GenQ.Queue.Redis;

/// <summary>
/// The two connections a consumer owns besides the shared, traced multiplexer. <see cref="Blocking"/> carries the
/// blocking XREADGROUP, which would stall every other command on a shared socket; <see cref="Polling"/> carries
/// the idle housekeeping (XAUTOCLAIM, XINFO, XGROUP CREATE), which runs every few seconds whether or not there is
/// work. Neither is registered with the Redis tracing, so idle polling leaves no trace: the dashboard's traces
/// are the work. Both fail commands at once while disconnected (no backlog) and reconnect by themselves.
/// </summary>
internal sealed class ConsumerConnections : IAsyncDisposable
{
    private ConsumerConnections(ConnectionMultiplexer blocking, ConnectionMultiplexer polling)
    {
        Blocking = blocking;
        Polling = polling;
    }

    public ConnectionMultiplexer Blocking { get; }
    public ConnectionMultiplexer Polling { get; }

    /// <summary>Opens both from the shared multiplexer's configuration; never throws for an unreachable server.</summary>
    public static async Task<ConsumerConnections> OpenAsync(string configuration)
    {
        var blocking = await ConnectionMultiplexer.ConnectAsync(Options(configuration, "genq-consumer-read")).ConfigureAwait(false);
        var polling = await ConnectionMultiplexer.ConnectAsync(Options(configuration, "genq-consumer-poll")).ConfigureAwait(false);
        return new ConsumerConnections(blocking, polling);
    }

    private static ConfigurationOptions Options(string configuration, string clientName)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // A consumer started while Redis is away must keep retrying, not fail its host.
        options.AbortOnConnectFail = false;
        // Queued commands would only delay the loop's own backoff and the health report.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName = clientName;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        await Blocking.DisposeAsync().ConfigureAwait(false);
        await Polling.DisposeAsync().ConfigureAwait(false);
    }
}
