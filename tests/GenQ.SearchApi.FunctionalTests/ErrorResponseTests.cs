using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>Every bad value a client can send is a 400 problem naming it, never a 500.</summary>
public sealed class ErrorResponseTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static bool Names(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);

    [Theory]
    [InlineData("top_k=abc", "top_k")]
    [InlineData("top_k=1.5", "top_k")]
    [InlineData("top_k=", "top_k")]
    [InlineData("top_k=-3", "top_k")]
    [InlineData("top_k=99999999999", "top_k")]
    [InlineData("mode=fuzzy", "mode")]
    [InlineData("mode=", "query")] // an empty mode means the default; the empty q is what is wrong here
    public async Task BadQueryStringValuesAre400NamingTheParameter(string parameter, string field)
    {
        using var client = api.CreateClient();
        var query = field == "query" ? "corpus=c&q=" : "corpus=c&q=hello";
        var problem = await ProblemAsync(await client.GetAsync($"/api/search?{query}&{parameter}"), HttpStatusCode.BadRequest);
        Assert.True(Names(problem, field), $"problem should name '{field}': {problem}");
    }

    [Theory]
    [InlineData("""{"corpus":"c","query":"hello","top_k":1.5}""", "top_k")]
    [InlineData("""{"corpus":"c","query":"hello","top_k":"abc"}""", "top_k")]
    [InlineData("""{"corpus":"c","query":"hello","top_k":0}""", "top_k")]
    [InlineData("""{"corpus":"c","query":"hello","mode":"fuzzy"}""", "mode")]
    [InlineData("""{"corpus":"c","query":42}""", "query")]
    [InlineData("", "body")]
    public async Task BadSearchBodyValuesAre400NamingTheField(string body, string field)
    {
        using var client = api.CreateClient();
        var response = await client.PostAsync("/api/search", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(Names(problem, field), $"problem should name '{field}': {problem}");
    }

    [Fact]
    public async Task EvaluateWithoutABodyIs400NamingTheBodyAndTheParts()
    {
        using var client = api.CreateAuthorizedClient();
        var problem = await ProblemAsync(await client.PostAsync("/api/corpora/anything/evaluate", null), HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("body")[0].GetString();
        Assert.Contains("multipart/form-data", message);
        Assert.Contains("queries", message);
        Assert.Contains("qrels", message);
    }

    [Fact]
    public async Task OpenApiDeclaresTheApiKeySchemeAndTheProblemResponses()
    {
        using var client = api.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        var paths = document.GetProperty("paths");
        var upload = paths.GetProperty("/api/corpora/{name}/documents").GetProperty("post");
        Assert.Equal(["202", "400", "401", "404", "409", "413", "429", "503"], Codes(upload)); // 404 and 409: mode=append to a missing corpus, an id it already has
        Assert.True(upload.GetProperty("security")[0].TryGetProperty("ApiKey", out _), $"upload should require the key: {upload}");

        var evaluate = paths.GetProperty("/api/corpora/{name}/evaluate").GetProperty("post");
        Assert.Superset(new HashSet<string> { "400", "401", "404", "413", "429", "503" }, Codes(evaluate).ToHashSet());
        var run = paths.GetProperty("/api/runs/{id}").GetProperty("get");
        Assert.Superset(new HashSet<string> { "404", "429", "503" }, Codes(run).ToHashSet());
        var search = paths.GetProperty("/api/search").GetProperty("get");
        Assert.Superset(new HashSet<string> { "400", "404", "429", "503" }, Codes(search).ToHashSet());
    }

    private static IEnumerable<string> Codes(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(response => response.Name).Order(StringComparer.Ordinal);
}
