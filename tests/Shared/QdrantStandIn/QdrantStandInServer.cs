using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenQ.Testing.QdrantStandIn;

/// <summary>
/// An in-process gRPC server that answers the Qdrant calls QdrantVectorIndex makes. IT IS NOT QDRANT: it keeps
/// collections, aliases and points in memory, searches by exact cosine (no HNSW, no quantisation), and implements only
/// Collections/{Create,Delete,List,Get,UpdateAliases,ListAliases} and Points/{Upsert,Query,Count}. It exists because no
/// Qdrant server can run on the build machines; it checks that the backend speaks the protocol correctly and keeps the
/// alias semantics, not that Qdrant behaves like this. Tests against a real Qdrant run when GENQ_TEST_QDRANT_ENDPOINT is set.
/// Kestrel listens on a free loopback port with cleartext HTTP/2 (h2c), which the client uses for http:// addresses.
/// </summary>
public sealed class QdrantStandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private QdrantStandInServer(WebApplication app, Uri address, QdrantStandInState state)
    {
        _app = app;
        Address = address;
        State = state;
    }

    public Uri Address { get; }

    public QdrantStandInState State { get; }

    public static async Task<QdrantStandInServer> StartAsync()
    {
        var state = new QdrantStandInState();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.MapGrpcService<CollectionsStandInService>();
        app.MapGrpcService<PointsStandInService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new QdrantStandInServer(app, new Uri(address), state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
