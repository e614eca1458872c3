using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.Contracts.Runs;
using GenQ.Runs;
using GenQ.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// <c>GET /api/runs/{id}</c> while a run trains: the live trainer's progress, or — once its lease ran out — that the
/// trainer is lost, never the dead trainer's ETA. The lease is written as a trainer writes it, with a clock set back.
/// </summary>
public sealed class RunOwnerTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private const string Progress = "step 18/135, loss 0.4200, lr 1.00E-005, 3.1 pairs/s, ETA 02:24:44";

    [Fact]
    public async Task ARunWhoseTrainerStoppedHeartbeatingSaysTheTrainerIsLostAndALiveOneShowsItsProgress()
    {
        using var client = api.CreateAuthorizedClient();
        using var upload = await client.PostAsync("/api/corpora/owned/documents",
            new StringContent("""{"_id":"d1","title":"Rivers","text":"The Danube flows into the Black Sea."}""", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var runId = RunIndexer.RunId(await upload.Content.ReadAsStringAsync());
        var runs = api.Services.GetRequiredService<RunStore>();
        await runs.SetStageAsync(runId, RunStage.Training);
        await runs.SetProgressAsync(runId, 18 / 135.0, Progress);

        // The trainer's last heartbeat was 60 s ago with a 30 s lease: it is gone.
        var trainerClock = new ManualClock();
        trainerClock.Advance(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch - TimeSpan.FromSeconds(60));
        await new RunStore(await api.Redis.ConnectAsync(), trainerClock).RenewLeaseAsync(runId, "trainer-host:4242", TimeSpan.FromSeconds(30));
        var lost = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        // A new trainer took the run over and heartbeats now.
        await runs.RenewLeaseAsync(runId, "trainer-host:5151", TimeSpan.FromSeconds(30));
        var live = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");

        Assert.Equal("training", lost.GetProperty("stage").GetString());
        Assert.True(lost.GetProperty("ownerLost").GetBoolean());
        Assert.Equal("trainer-host:4242", lost.GetProperty("owner").GetString());
        var detail = lost.GetProperty("detail").GetString()!;
        Assert.StartsWith("trainer lost, resuming: no heartbeat from trainer-host:4242 for 6", detail, StringComparison.Ordinal); // 60 s and a bit
        Assert.DoesNotContain("ETA", detail, StringComparison.Ordinal);
        Assert.False(live.GetProperty("ownerLost").GetBoolean());
        Assert.Equal("trainer-host:5151", live.GetProperty("owner").GetString());
        Assert.Equal(Progress, live.GetProperty("detail").GetString());
    }
}
