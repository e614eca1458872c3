using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Runs;
using GenQ.SearchApi.Model;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// Model rollout under load: searches run while a new model version is indexed and its alias switched. Every
/// request must succeed and be answered wholly by the old or the new version. The index is built here with the same
/// libraries the trainer worker uses (no worker runs in this fixture).
/// </summary>
public sealed class HotSwapTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private static readonly (string Id, string Text)[] Passages =
    [
        ("p1", "The committee approved the new budget for public schools after a long debate."),
        ("p2", "Heavy rain flooded the valley and several villages were evacuated overnight."),
        ("p3", "The spacecraft entered orbit around Mars after a seven month journey."),
        ("p4", "A new vaccine reduced hospital admissions among elderly patients by half."),
        ("p5", "The orchestra performed a symphony by Beethoven to a sold-out concert hall."),
    ];

    [Fact]
    public async Task SearchesDuringARolloutAllSucceedAndAnswerFromTheOldOrTheNewVersion()
    {
        using var client = api.CreateClient();
        var services = api.Services;
        var baseModel = services.GetRequiredService<BaseModelProvider>().Folder;
        var secondModel = CopyModelFolder(baseModel.Path, Path.Combine(api.DataDirectory, "models", "rollout", "v0002"));
        await IndexAsync(services, "v0001", baseModel.Path);

        var first = await client.GetFromJsonAsync<SearchResponse>("/api/search?corpus=rollout&q=spacecraft%20orbit%20Mars&top_k=2");
        Assert.Equal("v0001", first!.ModelVersion);
        Assert.Equal("p3", first.Hits[0].PassageId);

        var answeredBy = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync("/api/search?corpus=rollout&q=flooded%20villages&top_k=3");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    continue;
                }
                var result = (await response.Content.ReadFromJsonAsync<SearchResponse>())!;
                answeredBy.Add(result.ModelVersion);
                if (result.Hits[0].PassageId != "p2")
                {
                    failures.Add($"{result.ModelVersion} ranked {result.Hits[0].PassageId} first");
                }
            }
        })).ToList();

        await IndexAsync(services, "v0002", secondModel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!answeredBy.Contains("v0002") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(searchers);

        Assert.Empty(failures);
        Assert.Contains("v0001", answeredBy);
        Assert.Contains("v0002", answeredBy);
        Assert.All(answeredBy, version => Assert.Contains(version, new[] { "v0001", "v0002" }));
        var last = await client.GetFromJsonAsync<SearchResponse>("/api/search?corpus=rollout&q=flooded%20villages&top_k=1");
        Assert.Equal("v0002", last!.ModelVersion);
    }

    private static async Task IndexAsync(IServiceProvider services, string version, string modelPath)
    {
        var index = services.GetRequiredService<IVectorIndex>();
        await services.GetRequiredService<ModelRegistry>().RegisterAsync("rollout", version, modelPath);
        using var encoder = OnnxSentenceEncoder.Create(modelPath);
        var vectors = encoder.Encode(Passages.Select(p => p.Text).ToList());
        await index.CreateVersionAsync("rollout", version, encoder.Dimension);
        await index.UpsertAsync("rollout", version, Passages.Select((p, i) => new VectorPoint(p.Id, "", p.Text, vectors[i])).ToList());
        await index.PublishVersionAsync("rollout", version);
    }

    private static string CopyModelFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }
        return destination;
    }
}
