using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace GenQ.AppHost.Tests;

/// <summary>
/// Whether a worker process has a queue read (XREADGROUP ... BLOCK) open on redis-server right now: its sockets
/// (<c>/proc/{pid}/fd</c>, matched by inode in <c>/proc/{pid}/net/tcp</c>) against the server's <c>CLIENT LIST</c>.
/// Freezing a worker while its read is open makes the next message its own: "mid-batch" without a race.
/// </summary>
internal static class OpenQueueRead
{
    private const string ReadConnectionName = "genq-consumer-read"; // GenQ.Queue's ConsumerConnections

    /// <summary>How long (whole seconds) the process' blocking read has been open, or null when it has none open.</summary>
    public static async Task<long?> IdleSecondsAsync(IServer server, int pid)
    {
        var serverPort = server.EndPoint switch
        {
            IPEndPoint ip => ip.Port,
            DnsEndPoint dns => dns.Port,
            var other => throw new NotSupportedException($"redis-server at {other}"),
        };
        var ports = ProcessControl.Tree(pid).SelectMany(process => LocalPortsTo(process, serverPort)).ToHashSet();
        return (await server.ClientListAsync())
            .Where(c => c.Name == ReadConnectionName && c.Address is IPEndPoint address && ports.Contains(address.Port))
            .Where(c => c.Flags.HasFlag(ClientFlags.Blocked) && c.LastCommand == "xreadgroup")
            .Select(c => (long?)c.IdleSeconds)
            .FirstOrDefault();
    }

    private static HashSet<int> LocalPortsTo(int pid, int serverPort)
    {
        if (!Directory.Exists($"/proc/{pid}/fd"))
        {
            return [];
        }
        var inodes = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target?.StartsWith("socket:[", StringComparison.Ordinal) == true)
            .Select(target => target![8..^1])
            .ToHashSet(StringComparer.Ordinal);
        var ports = new HashSet<int>();
        foreach (var table in new[] { $"/proc/{pid}/net/tcp", $"/proc/{pid}/net/tcp6" }.Where(File.Exists))
        {
            foreach (var fields in File.ReadLines(table).Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (Port(fields[2]) == serverPort && inodes.Contains(fields[9]))
                {
                    ports.Add(Port(fields[1]));
                }
            }
        }
        return ports;
    }

    private static int Port(string hexAddress) => int.Parse(hexAddress[(hexAddress.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
