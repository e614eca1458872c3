using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace GenQ.SearchApi.FunctionalTests;

public sealed class BadInputTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private static StringContent JsonLines(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string FieldError(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));

    [Fact]
    public async Task UploadWithoutOrWithAWrongApiKeyIsRejected()
    {
        using var anonymous = api.CreateClient();
        await ProblemAsync(await anonymous.PostAsync("/api/corpora/c1/documents", JsonLines("""{"_id":"1","text":"x"}""")), HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        await ProblemAsync(await anonymous.PostAsync("/api/corpora/c1/documents", JsonLines("""{"_id":"1","text":"x"}""")), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MalformedLineIsReportedWithItsNumberAndNothingIsStored()
    {
        using var client = api.CreateAuthorizedClient();
        var body = "{\"_id\":\"1\",\"text\":\"fine\"}\n{\"_id\":\"2\",\"text\":\"also fine\"}\n{\"_id\":\"3\",\"text\": oops}\n";

        var problem = await ProblemAsync(await client.PostAsync("/api/corpora/broken/documents", JsonLines(body)), HttpStatusCode.BadRequest);

        Assert.Contains("line 3", FieldError(problem, "body"));
        var db = await api.DatabaseAsync();
        Assert.False(await db.KeyExistsAsync("genq:corpus:broken"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/corpora/broken")).StatusCode);
    }

    [Theory]
    [InlineData("{\"title\":\"no id\",\"text\":\"x\"}", "'_id'")]
    [InlineData("{\"_id\":\"1\",\"title\":\"\",\"text\":\"\"}", "empty")]
    [InlineData("[1,2]", "line 1")]
    [InlineData("{\"_id\":\"a#2\",\"text\":\"x\"}", "must not contain")]
    [InlineData("{\"_id\":\"1\",\"title\":{},\"text\":\"x\"}", "line 1: field 'title' must be a string")]
    [InlineData("{\"_id\":[1],\"text\":\"x\"}", "line 1: field '_id' must be a string")]
    public async Task InvalidDocumentsAreRejectedNamingTheProblem(string line, string expected)
    {
        using var client = api.CreateAuthorizedClient();
        var problem = await ProblemAsync(await client.PostAsync("/api/corpora/c2/documents", JsonLines(line)), HttpStatusCode.BadRequest);
        Assert.Contains(expected, FieldError(problem, "body"));
    }

    [Fact]
    public async Task DuplicateIdsAndEmptyUploadsAreRejected()
    {
        using var client = api.CreateAuthorizedClient();
        var duplicate = await ProblemAsync(await client.PostAsync("/api/corpora/c3/documents",
            JsonLines("{\"_id\":\"1\",\"text\":\"a\"}\n{\"_id\":\"1\",\"text\":\"b\"}")), HttpStatusCode.BadRequest);
        Assert.Contains("duplicate _id '1'", FieldError(duplicate, "body"));
        var empty = await ProblemAsync(await client.PostAsync("/api/corpora/c3/documents", JsonLines("\n\n")), HttpStatusCode.BadRequest);
        Assert.Contains("no documents", FieldError(empty, "body"));
    }

    [Fact]
    public async Task InvalidCorpusNameIsRejected()
    {
        using var client = api.CreateAuthorizedClient();
        var problem = await ProblemAsync(await client.PostAsync("/api/corpora/Bad%20Name/documents", JsonLines("{\"_id\":\"1\",\"text\":\"x\"}")), HttpStatusCode.BadRequest);
        Assert.Contains("lowercase", FieldError(problem, "name"));
    }

    [Fact]
    public async Task OversizedUploadGets413AndStoresNothing()
    {
        using var client = api.CreateAuthorizedClient();
        var line = "{\"_id\":\"ID\",\"text\":\"" + new string('w', 1000) + "\"}";
        var body = string.Join('\n', Enumerable.Range(0, 100).Select(i => line.Replace("ID", i.ToString())));

        await ProblemAsync(await client.PostAsync("/api/corpora/huge/documents", JsonLines(body)), HttpStatusCode.RequestEntityTooLarge);
        Assert.False(await (await api.DatabaseAsync()).KeyExistsAsync("genq:corpus:huge"));
    }

    [Theory]
    [InlineData("/api/search?corpus=c&q=&top_k=5", "query")]
    [InlineData("/api/search?corpus=c&q=hello&top_k=0", "top_k")]
    [InlineData("/api/search?corpus=c&q=hello&top_k=101", "top_k")]
    [InlineData("/api/search?corpus=NOT%20OK&q=hello", "corpus")]
    public async Task BadSearchParametersAreRejectedNamingTheField(string url, string field)
    {
        using var client = api.CreateClient();
        var problem = await ProblemAsync(await client.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"problem should name '{field}': {problem}");
    }

    [Fact]
    public async Task InvalidJsonSearchBodyIsRejectedNamingTheBody()
    {
        using var client = api.CreateClient();
        var problem = await ProblemAsync(await client.PostAsync("/api/search", new StringContent("{\"corpus\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", FieldError(problem, "body"));
    }

    [Fact]
    public async Task UnknownCorpusAndRunAre404()
    {
        using var client = api.CreateClient();
        await ProblemAsync(await client.GetAsync("/api/search?corpus=nothing-here&q=hello"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync("/api/runs/doesnotexist"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync("/api/corpora/nothing-here"), HttpStatusCode.NotFound);
    }
}
