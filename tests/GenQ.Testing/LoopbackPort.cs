using System.Net;
using System.Net.Sockets;

namespace GenQ.Testing;

/// <summary>
/// A loopback port the operating system hands out as free. Tests that start the AppHost pass one as
/// <c>GenQ:Redis:Port</c>: the AppHost's own choice (first free port from a number derived from the checkout path)
/// is the same for every test project of one checkout, so two projects starting the app at once raced for it and one
/// redis-server failed to bind.
/// </summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
