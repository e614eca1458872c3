using GenQ.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using StackExchange.Redis;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// The real search API (real HTTP pipeline, real Redis, real embedded index and ONNX encoder) with a temp data folder.
/// No workers run here: tests that need an indexed corpus index it themselves through the same libraries.
/// </summary>
public class SearchApiFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ApiKey = "test-key-123";
    public const long MaxUploadBytes = 64 * 1024;

    public RedisServer Redis { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("genq-api-tests-").FullName;
    public string IndexDirectory => Path.Combine(DataDirectory, "vector-index");

    public async Task InitializeAsync() => Redis = await RedisServer.StartAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:redis", Redis.ConnectionString);
        builder.UseSetting("Security:ApiKey", ApiKey);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("VectorStoreOptions:DataDirectory", IndexDirectory);
        builder.UseSetting("IngestOptions:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("IngestOptions:MaxPassageWords", "50");
    }

    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public async Task<IDatabase> DatabaseAsync() => (await Redis.ConnectAsync()).GetDatabase();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Redis.DisposeAsync();
        // The services copied models and wrote an index here (about 0.5 GB a fixture): left behind, a few test runs
        // fill /tmp.
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is shutting down; /tmp is cleaned eventually.
        }
    }
}
