using GenQ.Contracts.Corpora;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.Contracts.Runs;
using GenQ.Contracts.Models;
using GenQ.Embeddings.Models;
using GenQ.Runs;
using GenQ.SearchApi.Model;
using GenQ.VectorStore;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// GET /api/corpora/{name}/versions and POST .../versions/{version}/promote on corpora indexed like the trainer worker
/// does: base live first, a fine-tune v0001 live after it, and a candidate v0002 the gate kept (sealed, not live).
/// </summary>
public sealed class VersionsTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private const string Query = "/api/search?q=spacecraft%20orbit&top_k=3&corpus=";

    [Fact]
    public async Task TheListJoinsIndexStateManifestsAndTheGateDecision()
    {
        using var client = api.CreateAuthorizedClient();
        var runId = await SetUpAsync(client, "versions-list");

        var versions = (await client.GetFromJsonAsync<List<CorpusVersion>>("/api/corpora/versions-list/versions"))!;

        Assert.Equal([$"base-{runId}", "v0001", "v0002"], versions.Select(v => v.Version));
        var (baseline, live, kept) = (versions[0], versions[1], versions[2]);
        Assert.Equal(("Ready", false, true, "base", null, null, "rrf:60"), (baseline.State, baseline.Live, baseline.Previous, baseline.Kind, baseline.Method, baseline.Pairs, baseline.Fusion));
        Assert.Null(baseline.Promotion);
        Assert.Equal((true, "trained", "mnrl", 42, "rrf:60"), (live.Live, live.Kind, live.Method, live.Pairs, live.Fusion));
        Assert.Equal((false, false, "trained", "gpl", 17, "weighted:0.7"), (kept.Live, kept.Previous, kept.Kind, kept.Method, kept.Pairs, kept.Fusion));
        Assert.Equal((PromotionReport.Kept, "v0001", false), (kept.Promotion!.Decision, kept.Promotion.Live, kept.Promotion.Manual));
        var run = await api.Services.GetRequiredService<RunStore>().GetAsync(runId);
        Assert.Equal(run!.Generator, kept.Generator);
        Assert.Equal(7, kept.Points); // 5 short documents + a long one split in 2
    }

    [Fact]
    public async Task PromotingAndRollingBackUnderLoadNeverFailsASearch()
    {
        using var client = api.CreateAuthorizedClient();
        await SetUpAsync(client, "versions-swap");
        Assert.Equal("v0001", (await client.GetFromJsonAsync<SearchResponse>(Query + "versions-swap"))!.ModelVersion);

        var answeredBy = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var searchers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2000 && !stop.IsCancellationRequested; i++) // bounded even if the test goes wrong
            {
                using var response = await client.GetAsync(Query + "versions-swap");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    continue;
                }
                answeredBy.Add((await response.Content.ReadFromJsonAsync<SearchResponse>())!.ModelVersion);
            }
        })).ToList();

        var promoted = await PromoteAsync(client, "versions-swap", "v0002");
        Assert.Equal((true, PromotionReport.Promoted, "promoted by an operator", "v0001", true),
            (promoted.Live, promoted.Promotion!.Decision, promoted.Promotion.Reason, promoted.Promotion.Live, promoted.Promotion.Manual));
        await WaitForAnswerAsync(client, "versions-swap", "v0002");

        var rolledBack = await PromoteAsync(client, "versions-swap", "v0001");
        Assert.Equal((true, "rolled back by an operator", "v0002"), (rolledBack.Live, rolledBack.Promotion!.Reason, rolledBack.Promotion.Live));
        await WaitForAnswerAsync(client, "versions-swap", "v0001");

        await stop.CancelAsync();
        await Task.WhenAll(searchers);
        Assert.Empty(failures);
        Assert.All(answeredBy, version => Assert.Contains(version, new[] { "v0001", "v0002" }));
        var versions = (await client.GetFromJsonAsync<List<CorpusVersion>>("/api/corpora/versions-swap/versions"))!;
        var v2 = versions.Single(v => v.Version == "v0002");
        Assert.Equal((false, true, "promoted by an operator"), (v2.Live, v2.Previous, v2.Promotion!.Reason)); // the operator's word over the gate's "kept"
    }

    [Fact]
    public async Task WrongRequestsGetProblemDetails()
    {
        using var client = api.CreateAuthorizedClient();
        await SetUpAsync(client, "versions-bad");
        await api.Services.GetRequiredService<IVectorIndex>().CreateVersionAsync("versions-bad", "v0003", 384); // still building

        using var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/corpora/versions-bad/versions/v0002/promote", null)).StatusCode);
        await ProblemAsync(client.GetAsync("/api/corpora/no-such-corpus/versions"), HttpStatusCode.NotFound);
        await ProblemAsync(client.PostAsync("/api/corpora/no-such-corpus/versions/v0002/promote", null), HttpStatusCode.NotFound);
        await ProblemAsync(client.PostAsync("/api/corpora/versions-bad/versions/v0099/promote", null), HttpStatusCode.NotFound);
        var building = await ProblemAsync(client.PostAsync("/api/corpora/versions-bad/versions/v0003/promote", null), HttpStatusCode.Conflict);
        Assert.Contains("Building", building.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var badName = await ProblemAsync(client.GetAsync("/api/corpora/Bad.Name/versions"), HttpStatusCode.BadRequest);
        Assert.True(badName.GetProperty("errors").TryGetProperty("name", out _));
        var badVersion = await ProblemAsync(client.PostAsync("/api/corpora/versions-bad/versions/-x-/promote", null), HttpStatusCode.BadRequest);
        Assert.True(badVersion.GetProperty("errors").TryGetProperty("version", out _));
        Assert.Equal("v0001", await api.Services.GetRequiredService<IVectorIndex>().GetLiveVersionAsync("versions-bad")); // nothing moved
    }

    // Upload, index the base, a live fine-tune v0001 (42 pairs) and a kept candidate v0002 (gpl, weighted fusion, 17 pairs).
    private async Task<string> SetUpAsync(HttpClient client, string corpus)
    {
        var response = await client.PostAsync($"/api/corpora/{corpus}/documents", new StringContent(EvaluationCorpus.Documents, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = RunIndexer.RunId(await response.Content.ReadAsStringAsync());
        await RunIndexer.IndexBaseAsync(api.Services, corpus, runId);
        await RunIndexer.RegisterAdaptedCopyAsync(api.Services, corpus, runId, "v0001", Folder(corpus, "v0001"), pairs: 42);
        await RunIndexer.IndexAsync(api.Services, corpus, runId, "v0001");
        await RunIndexer.RegisterAdaptedCopyAsync(api.Services, corpus, runId, "v0002", Folder(corpus, "v0002"), pairs: 17, manifest => manifest with
        {
            TrainingSettings = new Dictionary<string, string> { ["method"] = "gpl" },
            Hybrid = new ModelHybridSettings { Method = "weighted", Alpha = 0.7 },
            Promotion = new PromotionReport(PromotionReport.Kept, "not better than live", "v0002", "v0001"),
        });
        await RunIndexer.IndexAsync(api.Services, corpus, runId, "v0002", activate: false);
        return runId;
    }

    private string Folder(string corpus, string version) => Path.Combine(api.DataDirectory, "models", corpus, version);

    private static async Task<CorpusVersion> PromoteAsync(HttpClient client, string corpus, string version)
    {
        using var response = await client.PostAsync($"/api/corpora/{corpus}/versions/{version}/promote", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<CorpusVersion>(body, JsonSerializerOptions.Web)!;
    }

    private static async Task WaitForAnswerAsync(HttpClient client, string corpus, string version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? answered = null;
        while (DateTime.UtcNow < deadline && answered != version)
        {
            answered = (await client.GetFromJsonAsync<SearchResponse>(Query + corpus))!.ModelVersion;
        }
        Assert.Equal(version, answered);
    }

    private static async Task<JsonElement> ProblemAsync(Task<HttpResponseMessage> request, HttpStatusCode expected)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
