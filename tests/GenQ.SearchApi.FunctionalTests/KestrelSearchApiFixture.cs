using Microsoft.AspNetCore.Hosting;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// The search API on real Kestrel (a loopback port) instead of the in-memory test server: for what only a real
/// server does (resolving dot segments of the request target, remote addresses), and with a 4 MiB upload limit
/// for the shared collections.
/// </summary>
public sealed class KestrelSearchApiFixture : SearchApiFixture
{
    public KestrelSearchApiFixture() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("IngestOptions:MaxUploadBytes", (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
