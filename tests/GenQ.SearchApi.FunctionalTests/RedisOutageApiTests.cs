using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>The API's Redis is killed (this class has its own fixture, so its own redis-server).</summary>
public sealed class RedisOutageApiTests(SearchApiFixture api, ITestOutputHelper output) : IClassFixture<SearchApiFixture>
{
    [Fact]
    public async Task WithRedisDownRunsAndUploadsAnswer503WithRetryAfterQuickly()
    {
        using var client = api.CreateAuthorizedClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/runs/before-the-outage")).StatusCode);

        await api.Redis.StopAsync();
        var redis = api.Services.GetRequiredService<IConnectionMultiplexer>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (redis.IsConnected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.False(redis.IsConnected, "the API's connection should notice the server is gone");

        var clock = Stopwatch.StartNew();
        var status = await client.GetAsync("/api/runs/some-run");
        var statusTime = clock.Elapsed;
        clock.Restart();
        var upload = await client.PostAsync("/api/corpora/outage/documents",
            new StringContent("""{"_id":"1","text":"a document while redis is down"}""", Encoding.UTF8, "application/x-ndjson"));
        var uploadTime = clock.Elapsed;

        foreach (var response in new[] { status, upload })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("Redis", problem.GetProperty("detail").GetString());
        }
        output.WriteLine($"503 after {statusTime.TotalMilliseconds:0} ms (GET run), {uploadTime.TotalMilliseconds:0} ms (upload)");
        // The client's backlog would hold a command for the 5 s command timeout; failing fast answers at once.
        Assert.True(statusTime < TimeSpan.FromSeconds(2), $"GET /api/runs took {statusTime}");
        Assert.True(uploadTime < TimeSpan.FromSeconds(2), $"upload took {uploadTime}");
    }
}
