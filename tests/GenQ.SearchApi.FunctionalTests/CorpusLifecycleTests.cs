using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.Contracts.Runs;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>Replace semantics of uploads and <c>DELETE /api/corpora/{name}</c> through the real API, Redis and embedded index.</summary>
public sealed class CorpusLifecycleTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private const string Documents = """
        {"_id":"d1","title":"Rivers","text":"The Danube flows through ten countries before it reaches the Black Sea."}
        {"_id":"d2","title":"Mountains","text":"Mont Blanc is the highest mountain of the Alps."}
        """;

    [Fact]
    public async Task ASecondUploadToTheSameNameCancelsTheFirstRunWhichThenCannotBeTrained()
    {
        using var client = api.CreateAuthorizedClient();
        var first = await UploadAsync(client, "replaced");
        var second = await UploadAsync(client, "replaced");

        var status = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{first}");
        Assert.Equal("cancelled", status.GetProperty("stage").GetString());
        Assert.Equal($"superseded by run {second}", status.GetProperty("error").GetString());
        Assert.Equal("generating", (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{second}")).GetProperty("stage").GetString());
        Assert.Equal(second, (await client.GetFromJsonAsync<JsonElement>("/api/corpora/replaced")).GetProperty("latestRunId").GetString());

        using var train = await client.PostAsync($"/api/runs/{first}/train", content: null);
        Assert.Equal(HttpStatusCode.Conflict, train.StatusCode);
    }

    [Fact]
    public async Task OpenApiDeclaresTheDeleteWithItsKeyAndProblemResponses()
    {
        using var client = api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var delete = document.GetProperty("paths").GetProperty("/api/corpora/{name}").GetProperty("delete");
        Assert.Equal("DeleteCorpus", delete.GetProperty("operationId").GetString());
        var responses = delete.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Superset(new HashSet<string> { "200", "400", "401", "404", "503" }, responses.ToHashSet());
        Assert.NotEmpty(delete.GetProperty("security").EnumerateArray());
    }

    [Fact]
    public async Task DeleteNeedsTheApiKey()
    {
        using var anonymous = api.CreateClient();

        using var response = await anonymous.DeleteAsync("/api/corpora/anything");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DeletingAnUnknownCorpusIsA404Problem()
    {
        using var client = api.CreateAuthorizedClient();

        using var unknown = await client.DeleteAsync("/api/corpora/never-uploaded");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("never-uploaded", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DeleteRemovesRunsPassagesAndEveryIndexVersionAndLeavesOtherCorporaAlone()
    {
        using var client = api.CreateAuthorizedClient();
        var older = await UploadAsync(client, "doomed");
        var current = await UploadAsync(client, "doomed");
        await RunIndexer.IndexBaseAsync(api.Services, "doomed", current);
        var kept = await UploadAsync(client, "survivor");
        await RunIndexer.IndexBaseAsync(api.Services, "survivor", kept);
        using (var before = await client.GetAsync("/api/search?corpus=doomed&q=Danube"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var response = await client.DeleteAsync("/api/corpora/doomed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deletion = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new[] { older, current }.Order(), deletion.GetProperty("runs").EnumerateArray().Select(r => r.GetString()!).Order());
        Assert.Equal([$"base-{current}"], deletion.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!));
        foreach (var path in new[] { "/api/search?corpus=doomed&q=Danube", $"/api/runs/{older}", $"/api/runs/{current}", "/api/corpora/doomed" })
        {
            using var after = await client.GetAsync(path);
            Assert.True(after.StatusCode == HttpStatusCode.NotFound, $"{path} answered {after.StatusCode}");
        }
        var db = await api.DatabaseAsync();
        Assert.False(await db.KeyExistsAsync($"genq:run:{current}:passages"));
        Assert.False(Directory.Exists(Path.Combine(api.IndexDirectory, "collections", "doomed")));
        var corpora = await client.GetFromJsonAsync<JsonElement>("/api/corpora");
        Assert.DoesNotContain("doomed", corpora.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        using var survivor = await client.GetAsync("/api/search?corpus=survivor&q=Danube");
        Assert.Equal(HttpStatusCode.OK, survivor.StatusCode);

        using var again = await client.DeleteAsync("/api/corpora/doomed");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private static async Task<string> UploadAsync(HttpClient client, string corpus)
    {
        using var response = await client.PostAsync($"/api/corpora/{corpus}/documents", new StringContent(Documents, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunStatus>())!.RunId;
    }
}
