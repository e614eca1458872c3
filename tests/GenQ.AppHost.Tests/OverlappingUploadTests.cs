using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.Contracts.Runs;
using Xunit.Abstractions;
using GenQ.Testing;

namespace GenQ.AppHost.Tests;

/// <summary>
/// The real app model: a second upload to a corpus while the first one's model is being trained replaces it. The first
/// run ends cancelled, its model never goes live, and search answers from the second upload's content.
/// </summary>
public sealed class OverlappingUploadTests(ITestOutputHelper output)
{
    private const string ApiKey = "overlap-test-key";
    private const string Corpus = "overlap";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task AnUploadWhileTheCorpusTrainsCancelsTheOlderRunAndOnlyTheNewerOnesVersionsGoLive()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("genq-apphost-overlap-").FullName;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.GenQ_AppHost>(
            [$"--GenQ:Redis:DataDirectory={Path.Combine(dataDirectory, "redis")}", "--GenQ:Redis:Mode=executable", $"--GenQ:Redis:Port={LoopbackPort.Free()}",
             $"--GenQ:DataDirectory={Path.Combine(dataDirectory, "data")}", $"--Parameters:api-key={ApiKey}", "--GenQ:GeneratorReplicas=1"]);
        await using var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await app.StartAsync().WaitAsync(StartTimeout);
        foreach (var resource in new[] { "redis", "generator-worker", "trainer-worker", "search-api" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource).WaitAsync(StartTimeout);
        }
        using var http = app.CreateHttpClient("search-api");
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var first = await UploadAsync(http, "a", "river");
        var training = await PollRunAsync(http, first, s => s.Stage is not (RunStage.Generating or RunStage.WaitingForTrainer));
        Assert.True(training.Stage == RunStage.Training, $"the first run should be training when the second upload arrives, was {training.Stage}");

        var second = await UploadAsync(http, "b", "mountain");
        var cancelledAtOnce = await GetRunAsync(http, first);
        Assert.Equal(RunStage.Cancelled, cancelledAtOnce.Stage);

        // Watch the live version until the second run is finished: the first run's model must never be it.
        var seenLive = new HashSet<string>(StringComparer.Ordinal);
        RunStatus secondDone;
        var deadline = DateTime.UtcNow + RunTimeout;
        while (true)
        {
            if ((await http.GetFromJsonAsync<JsonElement>($"/api/corpora/{Corpus}")).GetProperty("activeModelVersion").GetString() is { } liveNow)
            {
                seenLive.Add(liveNow);
            }
            secondDone = await GetRunAsync(http, second);
            if (secondDone.Stage is RunStage.Ready or RunStage.Failed or RunStage.Cancelled)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"run {second} did not finish in time; last status: {secondDone}");
            await Task.Delay(200);
        }
        // The trainer trains one run at a time, so the second run's training started only after the first one's
        // training (and its check after training) had returned: nothing of the first run is still in flight.
        var firstDone = await GetRunAsync(http, first);

        output.WriteLine($"first run: {firstDone.Stage} ({firstDone.Error}); second run: {secondDone.Stage}, model {secondDone.ModelVersion}, "
            + $"gate {secondDone.Promotion?.Decision}; live versions seen: {string.Join(", ", seenLive)}");
        Assert.Equal(RunStage.Ready, secondDone.Stage);
        Assert.Equal(RunStage.Cancelled, firstDone.Stage);
        Assert.Equal($"superseded by run {second}", firstDone.Error);
        Assert.Null(firstDone.ModelVersion); // trained on superseded content: never registered, announced or indexed

        var secondVersions = new[] { $"base-{second}", secondDone.ModelVersion! };
        var live = (await http.GetFromJsonAsync<JsonElement>($"/api/corpora/{Corpus}")).GetProperty("activeModelVersion").GetString();
        Assert.Contains(live, secondVersions);
        Assert.Subset(new HashSet<string>(secondVersions.Append($"base-{first}"), StringComparer.Ordinal), seenLive);
        var search = await http.GetFromJsonAsync<JsonElement>($"/api/search?corpus={Corpus}&q=mountain%20number%203&top_k=1");
        Assert.Equal("b3", search.GetProperty("hits")[0].GetProperty("passageId").GetString());
    }

    private static async Task<string> UploadAsync(HttpClient http, string prefix, string topic)
    {
        var corpus = string.Join('\n', Enumerable.Range(1, 10).Select(i =>
            $$"""{"_id":"{{prefix}}{{i}}","title":"{{topic}} {{i}}","text":"The {{topic}} number {{i}} is described here. It has a second sentence about {{topic}} feature {{i}}."}"""));
        using var response = await http.PostAsync($"/api/corpora/{Corpus}/documents", new StringContent(corpus, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunStatus>())!.RunId;
    }

    private static async Task<RunStatus> GetRunAsync(HttpClient http, string runId) =>
        (await http.GetFromJsonAsync<RunStatus>($"/api/runs/{runId}"))!;

    private static async Task<RunStatus> PollRunAsync(HttpClient http, string runId, Func<RunStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (true)
        {
            var status = await GetRunAsync(http, runId);
            if (done(status))
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"run {runId} did not get there in time; last status: {status}");
            await Task.Delay(100);
        }
    }
}
