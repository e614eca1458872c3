using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.Contracts.Models;
using GenQ.Embeddings.Models;
using GenQ.SearchApi.Model;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// The three search modes through the real HTTP pipeline, on a corpus indexed like the trainer worker does (the lexical
/// index is built by the same upserts as the vectors): bm25 finds exact rare terms, hybrid fuses with the model's own
/// tuned setting (from its manifest) or RRF, and a bad mode is a problem naming the field.
/// </summary>
public sealed class SearchModeTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private const string Documents = """
        {"_id":"d1","title":"Budget","text":"The committee approved the new budget for public schools after a long debate."}
        {"_id":"d2","title":"Floods","text":"Heavy rain flooded the valley and several villages were evacuated overnight."}
        {"_id":"d3","title":"Mars","text":"The spacecraft entered orbit around Mars after a seven month journey."}
        {"_id":"d4","title":"Vaccine","text":"A new vaccine reduced hospital admissions among elderly patients by half."}
        {"_id":"d5","title":"Concert","text":"The orchestra performed a symphony by Beethoven to a sold-out concert hall, conductor Zweigelt bowing twice."}
        """;

    private async Task<string> UploadAndIndexBaseAsync(HttpClient client, string corpus)
    {
        var response = await client.PostAsync($"/api/corpora/{corpus}/documents", new StringContent(Documents, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = RunIndexer.RunId(await response.Content.ReadAsStringAsync());
        await RunIndexer.IndexBaseAsync(api.Services, corpus, runId);
        return runId;
    }

    [Fact]
    public async Task Bm25FindsARareExactTermAndHybridIsTheDefaultWithReciprocalRankFusionForTheBaseModel()
    {
        using var client = api.CreateAuthorizedClient();
        await UploadAndIndexBaseAsync(client, "modes");

        var bm25 = (await client.GetFromJsonAsync<SearchResponse>("/api/search?corpus=modes&q=Zweigelt&top_k=3&mode=bm25"))!;
        Assert.Equal("bm25", bm25.Mode);
        Assert.Equal("d5", Assert.Single(bm25.Hits).PassageId); // no other passage has the term

        var hybrid = (await client.GetFromJsonAsync<SearchResponse>("/api/search?corpus=modes&q=flooded%20villages&top_k=5"))!;
        Assert.Equal("hybrid", hybrid.Mode);
        Assert.Equal("rrf:60", hybrid.Fusion);
        Assert.Equal("d2", hybrid.Hits[0].PassageId);
        Assert.Equal(1, hybrid.Hits[0].DenseRank);
        Assert.Equal(1, hybrid.Hits[0].Bm25Rank);
        // RRF: 1/(60+1) from each side for a passage both rank first.
        Assert.Equal(2.0 / 61, hybrid.Hits[0].Score, 5);

        var dense = (await client.PostAsJsonAsync("/api/search", new { corpus = "modes", query = "space travel to another planet", top_k = 2, mode = "dense" }))!;
        var denseBody = (await dense.Content.ReadFromJsonAsync<SearchResponse>())!;
        Assert.Equal("dense", denseBody.Mode);
        Assert.Null(denseBody.Fusion);
        Assert.Equal("d3", denseBody.Hits[0].PassageId);
    }

    [Fact]
    public async Task HybridUsesTheFusionTunedForTheLiveModel()
    {
        using var client = api.CreateAuthorizedClient();
        var runId = await UploadAndIndexBaseAsync(client, "tuned");
        var folder = Path.Combine(api.DataDirectory, "models", "tuned", "v0001");
        await RunIndexer.RegisterAdaptedCopyAsync(api.Services, "tuned", runId, "v0001", folder, pairs: 15);
        // A tuner that found BM25 alone best (alpha = 0): hybrid must then rank exactly as bm25 does.
        var manifest = ModelFolder.ReadManifest(Path.Combine(folder, ModelFolder.ManifestFileName));
        ModelFolder.WriteManifest(folder, manifest with { Hybrid = new ModelHybridSettings { Method = "weighted", Alpha = 0, HeldOutQueries = 30 } });
        await RunIndexer.IndexAsync(api.Services, "tuned", runId, "v0001");

        const string query = "/api/search?corpus=tuned&q=budget%20for%20public%20schools%20or%20a%20vaccine&top_k=5";
        var hybrid = (await client.GetFromJsonAsync<SearchResponse>(query + "&mode=hybrid"))!;
        var bm25 = (await client.GetFromJsonAsync<SearchResponse>(query + "&mode=bm25"))!;

        Assert.Equal("v0001", hybrid.ModelVersion);
        Assert.Equal("weighted:0", hybrid.Fusion);
        Assert.Equal(["d1", "d4"], bm25.Hits.Select(h => h.PassageId)); // three query terms in d1, one in d4: no tie
        Assert.Equal(bm25.Hits.Select(h => h.PassageId), hybrid.Hits.Take(bm25.Hits.Count).Select(h => h.PassageId));
    }

    [Fact]
    public async Task AVersionIndexedBeforeLexicalSearchExistedAnswersHybridDenselyAndBm25WithAConflict()
    {
        using var client = api.CreateAuthorizedClient();
        await UploadAndIndexBaseAsync(client, "legacy");
        // Make the live version look like one written by the release before lexical search: no lexical/, no analyzer.
        var version = Assert.Single(Directory.GetDirectories(Path.Combine(api.IndexDirectory, "collections", "legacy")));
        Directory.Delete(Path.Combine(version, "lexical"), recursive: true);
        var manifest = Path.Combine(version, "manifest.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifest))!.AsObject();
        Assert.True(json.Remove("lexicalAnalyzer"));
        await File.WriteAllTextAsync(manifest, json.ToJsonString());

        var hybrid = (await client.GetFromJsonAsync<SearchResponse>("/api/search?corpus=legacy&q=flooded%20villages&top_k=2"))!;
        Assert.Equal("dense", hybrid.Mode);
        Assert.Equal("d2", hybrid.Hits[0].PassageId);
        Assert.Equal(2, hybrid.Hits.Count);

        var bm25 = await client.GetAsync("/api/search?corpus=legacy&q=flooded&mode=bm25");
        Assert.Equal(HttpStatusCode.Conflict, bm25.StatusCode);
        Assert.Contains("without a lexical index", await bm25.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/search?corpus=modes&q=rain&mode=fuzzy")]
    [InlineData("/api/search?corpus=modes&q=rain&mode=%20sparse%20")]
    public async Task AnUnknownModeIsAProblemNamingTheField(string url)
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("mode", out _));
    }
}
