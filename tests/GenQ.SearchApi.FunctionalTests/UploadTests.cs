using System.Net;
using System.Net.Http.Json;
using System.Text;
using GenQ.Contracts.Runs;

namespace GenQ.SearchApi.FunctionalTests;

public sealed class UploadTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    [Fact]
    public async Task UploadCreatesARunSplitsLongDocumentsAndQueuesGenerationAndBaseIndexing()
    {
        using var client = api.CreateAuthorizedClient();
        var longText = string.Join(' ', Enumerable.Range(1, 120).Select(i => i % 10 == 0 ? $"word{i}." : $"word{i}"));
        var body = $"{{\"_id\":\"short\",\"title\":\"T\",\"text\":\"a short one\"}}\n{{\"_id\":\"long\",\"title\":\"L\",\"text\":\"{longText}\"}}\n";

        var response = await client.PostAsync("/api/corpora/uploads/documents", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<RunStatus>())!;
        Assert.Equal(RunStage.Generating, run.Stage);
        Assert.Equal(4, run.PassageCount); // 120 words at 50 per passage (ending at sentences) → 3 passages, plus the short one
        Assert.Equal(response.Headers.Location?.ToString(), $"/api/runs/{run.RunId}");

        var db = await api.DatabaseAsync();
        var passages = (await db.HashKeysAsync($"genq:run:{run.RunId}:passages")).Select(k => k.ToString()).Order().ToList();
        Assert.Equal(["long", "long#2", "long#3", "short"], passages);
        Assert.Equal(1, await db.StreamLengthAsync("genq:generate:stream"));
        Assert.Equal(1, await db.StreamLengthAsync("genq:model-published:stream"));

        var status = await client.GetFromJsonAsync<RunStatus>($"/api/runs/{run.RunId}");
        Assert.Equal(run.RunId, status!.RunId);
    }

    [Fact]
    public async Task NumericIdsAreAcceptedAsTheCliReadsThem()
    {
        using var client = api.CreateAuthorizedClient();
        var body = "{\"_id\": 17, \"title\": \"T\", \"text\": \"a numeric id\"}\n{\"_id\": \"doc-2\", \"text\": \"a string id\"}\n";

        var response = await client.PostAsync("/api/corpora/numeric-ids/documents", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<RunStatus>())!;
        var db = await api.DatabaseAsync();
        var passages = (await db.HashKeysAsync($"genq:run:{run.RunId}:passages")).Select(k => k.ToString()).Order().ToList();
        Assert.Equal(["17", "doc-2"], passages);
    }

    [Fact]
    public async Task PlainTextUploadMakesOneDocumentPerLine()
    {
        using var client = api.CreateAuthorizedClient();
        var response = await client.PostAsync("/api/corpora/plain/documents",
            new StringContent("first line\n\nsecond line\nthird line\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<RunStatus>())!.PassageCount);
    }
}

public sealed class DemoTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    [Fact]
    public async Task DemoIngestsTheDotNetApiReferenceAsARun()
    {
        using var client = api.CreateAuthorizedClient();

        var response = await client.PostAsync("/api/demo", content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<RunStatus>())!;
        Assert.Equal("dotnet-api", run.Corpus);
        Assert.InRange(run.PassageCount, 1000, 10000);
        var db = await api.DatabaseAsync();
        Assert.True(await db.HashExistsAsync($"genq:run:{run.RunId}:passages", "M:System.IO.File.ReadLines(System.String)"));
    }
}
