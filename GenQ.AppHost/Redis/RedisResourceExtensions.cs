using Microsoft.Extensions.Configuration;
using System.IO.Hashing;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.AppHost.Redis;

public static class RedisResourceExtensions
{
    public const string InstallHint =
        "GenQ needs Redis and found neither a container runtime (Docker or Podman) nor the redis-server executable. " +
        "Install one of them, e.g. on Debian/Ubuntu: sudo apt-get install -y redis-server (or run ./run.sh, which does it).";

    /// <summary>
    /// Adds Redis as a container when a container runtime answers, otherwise as the local <c>redis-server</c>
    /// executable (configuration <c>GenQ:Redis:Mode</c> = auto | container | executable). Fails with one clear
    /// message when neither is available.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddGenQRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var mode = builder.Configuration["GenQ:Redis:Mode"]?.ToLowerInvariant() ?? "auto";
        var useContainer = mode switch
        {
            "container" => true,
            "executable" => false,
            _ => ContainerRuntime.IsAvailable(),
        };
        if (useContainer)
        {
            return builder.AddRedis(name);
        }
        var executable = Executables.Find("redis-server") ?? throw new InvalidOperationException(InstallHint);
        return builder.AddRedisServerExecutable(name, executable);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddRedisServerExecutable(
        this IDistributedApplicationBuilder builder, string name, string executable)
    {
        // Port and data directory derive from this checkout's path: two checkouts on one machine do not collide,
        // and one checkout keeps its data across restarts.
        var checkoutKey = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(builder.AppHostDirectory));
        var port = builder.Configuration.GetValue<int?>("GenQ:Redis:Port") ?? FirstFreePort(16400 + (int)(checkoutKey % 1500));
        var dataDirectory = Path.GetFullPath(builder.Configuration["GenQ:Redis:DataDirectory"]
            ?? Path.Combine(builder.AppHostDirectory, "..", ".genq", "redis"));
        Directory.CreateDirectory(dataDirectory);
        var connectionString = $"127.0.0.1:{port}";

        var healthCheckKey = $"{name}-ping";
        builder.Services.AddHealthChecks().AddCheck(healthCheckKey, new RedisPingHealthCheck(connectionString));

        var resource = new RedisServerResource(name, executable, dataDirectory);
        return builder.AddResource(resource)
            .WithEndpoint(RedisServerResource.EndpointName, endpoint =>
            {
                endpoint.Port = port;
                endpoint.TargetPort = port;
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
            })
            .WithArgs("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--dir", dataDirectory, "--appendonly", "yes", "--save", "")
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database");
    }

    private static int FirstFreePort(int start)
    {
        for (var port = start; port < start + 200; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken (another checkout or program): try the next one.
            }
        }
        throw new InvalidOperationException($"No free port for redis-server in {start}..{start + 199}; set GenQ:Redis:Port.");
    }
}
