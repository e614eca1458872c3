extern alias searchapi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenQ.TrainerWorker.Tests;

/// <summary>
/// One search API replica as a node of its own: the real API on a shared Redis and Qdrant, with a data folder (model
/// cache and embedded-index folder) no other instance uses, and the Redis model store.
/// </summary>
public sealed class SearchNode(string redis, Uri qdrant, string dataDirectory, string baseModel) : WebApplicationFactory<searchapi::Program>
{
    public const string ApiKey = "multi-node-key";

    public string DataDirectory { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("ConnectionStrings:qdrant", $"Endpoint={qdrant.GetLeftPart(UriPartial.Authority)}");
        builder.UseSetting("Security:ApiKey", ApiKey);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("VectorStoreOptions:DataDirectory", Path.Combine(DataDirectory, "vector-index"));
        builder.UseSetting("ModelStore:Kind", "Redis");
        builder.UseSetting("BaseModel:ModelPath", baseModel);
        builder.UseSetting("QueryEncoding:PreferCuda", "false");
    }

    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }
}
