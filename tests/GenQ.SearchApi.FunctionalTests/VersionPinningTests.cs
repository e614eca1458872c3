using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.SearchApi.Model;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// A search may pin a published model version (the web app's compare view asks the zero-shot base model and the live
/// adapted one the same query): the pinned version answers, an unknown one is a 404 problem, a malformed one a 400
/// naming the field, and without the parameter the live version answers as before.
/// </summary>
public sealed class VersionPinningTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private const string Documents = """
        {"_id":"d1","title":"Budget","text":"The committee approved the new budget for public schools after a long debate."}
        {"_id":"d2","title":"Floods","text":"Heavy rain flooded the valley and several villages were evacuated overnight."}
        {"_id":"d3","title":"Mars","text":"The spacecraft entered orbit around Mars after a seven month journey."}
        """;

    [Fact]
    public async Task APinnedVersionAnswersWhileAnotherIsLiveAndUnknownOrMalformedVersionsAreProblems()
    {
        using var client = api.CreateAuthorizedClient();
        var upload = await client.PostAsync("/api/corpora/pinning/documents", new StringContent(Documents, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var runId = RunIndexer.RunId(await upload.Content.ReadAsStringAsync());
        await RunIndexer.IndexBaseAsync(api.Services, "pinning", runId);
        await RunIndexer.RegisterAdaptedCopyAsync(api.Services, "pinning", runId, "v0001", Path.Combine(api.DataDirectory, "pinning-v0001"), pairs: 9);
        await RunIndexer.IndexAsync(api.Services, "pinning", runId, "v0001");

        var live = await client.GetFromJsonAsync<SearchResponse>("/api/search?corpus=pinning&q=flooded%20villages&top_k=2");
        Assert.Equal("v0001", live!.ModelVersion);

        var baseVersion = $"base-{runId}";
        var pinned = await client.GetFromJsonAsync<SearchResponse>($"/api/search?corpus=pinning&q=flooded%20villages&top_k=2&version={baseVersion}");
        Assert.Equal(baseVersion, pinned!.ModelVersion);
        Assert.Equal("d2", pinned.Hits[0].PassageId);

        using var byBody = await client.PostAsJsonAsync("/api/search", new { corpus = "pinning", query = "orbit around Mars", top_k = 1, mode = "dense", version = baseVersion });
        var bodyResult = (await byBody.Content.ReadFromJsonAsync<SearchResponse>())!;
        Assert.Equal(baseVersion, bodyResult.ModelVersion);
        Assert.Equal("d3", bodyResult.Hits[0].PassageId);

        using var unknown = await client.GetAsync("/api/search?corpus=pinning&q=rain&version=v0042");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Model version not found", problem.GetProperty("title").GetString());
        Assert.Contains("v0042", problem.GetProperty("detail").GetString());

        using var malformed = await client.GetAsync("/api/search?corpus=pinning&q=rain&version=..%2Fetc");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var errors = JsonDocument.Parse(await malformed.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("version", out _), errors.ToString());
    }
}
