using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using GenQ.Contracts.Runs;
using Microsoft.Extensions.DependencyInjection;
using GenQ.Testing;

namespace GenQ.AppHost.Tests;

/// <summary>
/// Starts the real app model (redis-server, two generator replicas, trainer, two search API replicas; no Docker needed) and
/// pushes an upload through every stage: generation (fallback generator), TorchSharp training of all-MiniLM-L6-v2,
/// ONNX export, indexing into the embedded index, and search with the adapted model.
/// </summary>
public sealed class AppHostSmokeTests
{
    private const string ApiKey = "smoke-test-key";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] Resources = ["redis", "generator-worker", "trainer-worker", "search-api"];

    [Fact]
    public async Task EveryResourceBecomesHealthyAndAnUploadIsGeneratedTrainedIndexedAndSearchable()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("genq-apphost-test-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.GenQ_AppHost>(
            [$"--GenQ:Redis:DataDirectory={Path.Combine(dataDirectory, "redis")}", "--GenQ:Redis:Mode=executable", $"--GenQ:Redis:Port={LoopbackPort.Free()}",
             $"--GenQ:DataDirectory={Path.Combine(dataDirectory, "data")}", $"--Parameters:api-key={ApiKey}", "--GenQ:SearchReplicas=2"]);
        await using var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await app.StartAsync().WaitAsync(StartTimeout);

        foreach (var resource in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource).WaitAsync(StartTimeout);
        }

        // Every request below goes through the AppHost's endpoint to one of the two search API replicas.
        var searchApi = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "search-api");
        Assert.True(searchApi.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas));
        Assert.Equal(2, replicas.Replicas);

        using var http = app.CreateHttpClient("search-api");
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var corpus = string.Join('\n', Enumerable.Range(1, 10).Select(i =>
            $$"""{"_id":"d{{i}}","title":"Document {{i}}","text":"Passage number {{i}} talks about topic {{i}}. It has a second sentence about item {{i}}."}"""));
        using var upload = await http.PostAsync("/api/corpora/smoke/documents",
            new StringContent(corpus, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var run = await upload.Content.ReadFromJsonAsync<RunStatus>();
        Assert.NotNull(run);
        Assert.Equal(10, run.PassageCount);

        var status = await PollAsync(http, run.RunId, s => s.Stage is RunStage.Ready or RunStage.Failed);
        Assert.Equal(RunStage.Ready, status.Stage);
        Assert.Equal(status.BatchCount, status.BatchesGenerated);
        Assert.True(status.PairsStored >= 10, $"expected at least one pair per passage, got {status.PairsStored}");
        Assert.StartsWith("fallback:", status.Generator);
        Assert.NotNull(status.ModelVersion);

        // Ten passages leave too few held-out queries to show the adapted model is better: the promotion gate keeps the
        // base model live, says why in the run status, and search keeps answering from it.
        Assert.NotNull(status.Promotion);
        Assert.Equal(PromotionReport.Kept, status.Promotion.Decision);
        Assert.Equal(status.ModelVersion, status.Promotion.Candidate);
        Assert.Equal($"base-{run.RunId}", status.Promotion.Live);
        Assert.Contains("held-out queries", status.Promotion.Reason, StringComparison.Ordinal);
        Assert.NotNull(status.Training);
        Assert.Equal("mnrl", status.Training.Method);

        // A sentence taken from a passage finds that passage first, answered by the live (base) model.
        var search = await http.GetFromJsonAsync<JsonElement>("/api/search?corpus=smoke&q=Passage%20number%207%20talks%20about%20topic%207&top_k=3");
        Assert.Equal($"base-{run.RunId}", search.GetProperty("modelVersion").GetString());
        Assert.Equal("d7", search.GetProperty("hits")[0].GetProperty("passageId").GetString());
        Assert.Equal("hybrid", search.GetProperty("mode").GetString());
        var lexical = await http.GetFromJsonAsync<JsonElement>("/api/search?corpus=smoke&q=item%207&top_k=3&mode=bm25");
        Assert.Equal("d7", lexical.GetProperty("hits")[0].GetProperty("passageId").GetString());

        // The held-out pairs were too few to tune on (10 passages): the run says so and keeps RRF.
        Assert.NotNull(status.Hybrid);
        Assert.InRange(status.Hybrid.HeldOutQueries, 1, (int)status.PairsStored / 5);
        Assert.Equal("rrf:60", status.Hybrid.Chosen);
        Assert.NotNull(status.Hybrid.Note);
        Assert.NotEmpty(status.Hybrid.Candidates);
        var summary = await http.GetFromJsonAsync<JsonElement>("/api/corpora/smoke");
        Assert.Equal(10, summary.GetProperty("passages").GetInt32());
    }

    private static async Task<RunStatus> PollAsync(HttpClient http, string runId, Func<RunStatus, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var status = await http.GetFromJsonAsync<RunStatus>($"/api/runs/{runId}");
            if (status is not null && done(status))
            {
                return status;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not finish in time; last status: {status}");
            }
            await Task.Delay(250);
        }
    }
}
