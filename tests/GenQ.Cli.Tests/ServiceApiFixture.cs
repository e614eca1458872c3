extern alias searchapi;

using GenQ.Cli.Infrastructure;
using GenQ.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenQ.Cli.Tests;

/// <summary>
/// The real search API in-process (real HTTP pipeline, real redis-server, embedded index, ONNX encoder) as
/// SearchApiFixture starts it, plus a way to run `genq` against it: the CLI gets the test server's handler.
/// No workers run: tests do the workers' part (indexing, stage changes) through the same libraries.
/// </summary>
public sealed class ServiceApiFixture : WebApplicationFactory<searchapi::Program>, IAsyncLifetime
{
    public const string ApiKey = "cli-test-key";
    public const string Url = "http://localhost";

    public RedisServer Redis { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("genq-cli-api-tests-").FullName;

    public async Task InitializeAsync() => Redis = await RedisServer.StartAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:redis", Redis.ConnectionString);
        builder.UseSetting("Security:ApiKey", ApiKey);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("VectorStoreOptions:DataDirectory", Path.Combine(DataDirectory, "vector-index"));
        builder.UseSetting("IngestOptions:MaxPassageWords", "50");
    }

    /// <summary>Runs `genq` in-process against this API (--api and --api-key added unless the test gives its own).</summary>
    public async Task<CliRun> RunAsync(params string[] args)
    {
        var full = args.ToList();
        if (!full.Contains("--api"))
        {
            full.AddRange(["--api", Url]);
        }
        if (!full.Contains("--api-key"))
        {
            full.AddRange(["--api-key", ApiKey]);
        }
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var handler = Server.CreateHandler();
        var code = await GenqApp.Create(CliConsole.Create(output, error), handler).RunAsync(full, CancellationToken.None);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>A corpus file in a folder named <paramref name="folder"/> (the default corpus name).</summary>
    public string WriteFile(string folder, string fileName, string content)
    {
        var path = Path.Combine(DataDirectory, "inputs", folder, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

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
