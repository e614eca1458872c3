using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Queue.Redis;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// Uploads with <c>mode=append</c> through the real API and Redis: what is validated, what is stored, what is queued
/// (no workers run here; the trainer worker's side of an append is tested in GenQ.TrainerWorker.Tests).
/// </summary>
public sealed class AppendUploadTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private const string Base = """
        {"_id":"d1","title":"Rivers","text":"The Danube flows through ten countries before it reaches the Black Sea."}
        {"_id":"d2","title":"Mountains","text":"Mont Blanc is the highest mountain of the Alps."}
        """;

    private const string Added = """
        {"_id":"d3","title":"Airships","text":"A zeppelin floated over Lake Constance."}
        {"_id":"d4","title":"Harbours","text":"Cranes unload container ships in Rotterdam."}
        {"_id":"d5","title":"Deserts","text":"The Atacama is among the driest places on Earth."}
        """;

    [Theory]
    [InlineData("merge")]
    [InlineData("appendd")]
    public async Task AnUnknownModeIsA400NamingModeAndStoresNothing(string mode)
    {
        using var client = api.CreateAuthorizedClient();

        using var response = await PostAsync(client, "modes", Base, mode);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(mode, problem.GetProperty("errors").GetProperty("mode")[0].GetString());
        using var corpus = await client.GetAsync("/api/corpora/modes");
        Assert.Equal(HttpStatusCode.NotFound, corpus.StatusCode);
    }

    [Fact]
    public async Task AppendingToACorpusThatDoesNotExistIsA404ThatPointsToReplaceAndCreatesNothing()
    {
        using var client = api.CreateAuthorizedClient();

        using var response = await PostAsync(client, "never-created", Added, "append");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("mode=replace", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var corpus = await client.GetAsync("/api/corpora/never-created");
        Assert.Equal(HttpStatusCode.NotFound, corpus.StatusCode);
    }

    [Fact]
    public async Task AnIdTheCorpusAlreadyHasIsA409NamingItsLineAndNothingIsWrittenOrQueued()
    {
        using var client = api.CreateAuthorizedClient();
        var current = await UploadAsync(client, "dupes", Base, mode: null);
        var generateBefore = await StreamLengthAsync(QueueNames.Generate);
        var appendBefore = await StreamLengthAsync(QueueNames.Append);

        // Line 1 is new, line 2 repeats d2 of the first upload.
        using var response = await PostAsync(client, "dupes", """
            {"_id":"d9","title":"New","text":"a new passage"}
            {"_id":"d2","title":"Mountains","text":"Mont Blanc again."}
            """, "append");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("line 2", detail);
        Assert.Contains("'d2'", detail);
        var corpus = await client.GetFromJsonAsync<JsonElement>("/api/corpora/dupes");
        Assert.Equal((current, 2), (corpus.GetProperty("latestRunId").GetString(), corpus.GetProperty("passages").GetInt32()));
        var db = await api.DatabaseAsync();
        Assert.Equal(1, await db.SetLengthAsync($"genq:corpus:dupes:runs"));
        Assert.Equal(generateBefore, await StreamLengthAsync(QueueNames.Generate));
        Assert.Equal(appendBefore, await StreamLengthAsync(QueueNames.Append));
    }

    [Fact]
    public async Task AnAppendQueuesGenerationForOnlyItsPassagesAndTheirIndexingAndLeavesTheRunInFlightAlone()
    {
        using var client = api.CreateAuthorizedClient();
        var current = await UploadAsync(client, "growing", Base, mode: null);

        using var response = await PostAsync(client, "growing", Added, "APPEND");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var appendRun = answer.GetProperty("runId").GetString()!;
        Assert.Equal("append", answer.GetProperty("upload").GetProperty("mode").GetString());
        Assert.False(answer.GetProperty("upload").GetProperty("training_queued").GetBoolean());
        // 2 passages before + 3 new; the default threshold is 100 new passages, so 97 to go.
        var status = await client.GetFromJsonAsync<RunStatus>($"/api/runs/{appendRun}");
        Assert.Equal((UploadMode.Append, RunStage.Generating, 3), (status!.Mode, status.Stage, status.PassageCount));
        Assert.Equal(new RunAppendReport(current, 3, 5, 3, 100, false), status.Append);
        Assert.EndsWith("retraining after 97 more", answer.GetProperty("upload").GetProperty("training").GetString());
        // The replace run in flight is neither cancelled nor replaced as the corpus' current run.
        Assert.Equal(RunStage.Generating, (await client.GetFromJsonAsync<RunStatus>($"/api/runs/{current}"))!.Stage);
        var corpus = await client.GetFromJsonAsync<JsonElement>("/api/corpora/growing");
        Assert.Equal((current, 5), (corpus.GetProperty("latestRunId").GetString(), corpus.GetProperty("passages").GetInt32()));
        // Generation for the three new passages only, and one indexing job for the run.
        var generated = (await JobsAsync<GeneratePassagesJob>(QueueNames.Generate)).Where(j => j.RunId == appendRun).ToList();
        Assert.Equal(["d3", "d4", "d5"], generated.SelectMany(j => j.Passages).Select(p => p.Id).Order());
        Assert.Equal([appendRun], (await JobsAsync<AppendPassagesJob>(QueueNames.Append)).Where(j => j.Corpus == "growing").Select(j => j.RunId));
        Assert.DoesNotContain(await JobsAsync<IndexModelJob>(QueueNames.IndexModel), j => j.RunId == appendRun);
    }

    [Fact]
    public async Task AReplaceAfterAnAppendCancelsTheAppendRunAsItCancelsAnyOlderRun()
    {
        using var client = api.CreateAuthorizedClient();
        await UploadAsync(client, "reset", Base, mode: null);
        var appended = await UploadAsync(client, "reset", Added, mode: "append");

        var replace = await UploadAsync(client, "reset", Base, mode: "replace");

        var status = (await client.GetFromJsonAsync<RunStatus>($"/api/runs/{appended}"))!;
        Assert.Equal((RunStage.Cancelled, $"superseded by run {replace}"), (status.Stage, status.Error));
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/corpora/reset")).GetProperty("passages").GetInt32());
        // The corpus is the replace upload again: appending d3 once more is accepted.
        await UploadAsync(client, "reset", Added, mode: "append");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string corpus, string body, string? mode) =>
        client.PostAsync($"/api/corpora/{corpus}/documents{(mode is null ? "" : $"?mode={mode}")}",
            new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

    private static async Task<string> UploadAsync(HttpClient client, string corpus, string body, string? mode)
    {
        using var response = await PostAsync(client, corpus, body, mode);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunStatus>())!.RunId;
    }

    private async Task<long> StreamLengthAsync(string queue) =>
        await (await api.DatabaseAsync()).StreamLengthAsync(new RedisQueueKeys(queue).Stream);

    private async Task<List<TJob>> JobsAsync<TJob>(string queue)
    {
        var entries = await (await api.DatabaseAsync()).StreamRangeAsync(new RedisQueueKeys(queue).Stream);
        return entries
            .Select(e => JsonSerializer.Deserialize<TJob>(e.Values.Single(v => v.Name == "body").Value.ToString(), JsonSerializerOptions.Web)!)
            .ToList();
    }
}
