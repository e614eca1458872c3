using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GenQ.SearchApi.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.FunctionalTests;

public sealed class RateLimitAndKeyTests(LimitedSearchApiFixture api) : IClassFixture<LimitedSearchApiFixture>
{
    [Fact]
    public async Task SearchesBeyondTheLimitAre429WithRetryAfterAndOtherClientsAreNotAffected()
    {
        using var anonymous = api.CreateClient();
        for (var i = 0; i < LimitedSearchApiFixture.SearchLimit; i++)
        {
            // An unknown corpus (404) still counts: the limit is on requests, not on answers.
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/search?corpus=nothing&q=query{i}")).StatusCode);
        }

        var limited = await anonymous.GetAsync("/api/search?corpus=nothing&q=one+too+many");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        // The window is 10 minutes: the wait is positive and at most that.
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());

        // The key holder is another client with a budget of its own.
        using var keyHolder = api.CreateAuthorizedClient();
        Assert.Equal(HttpStatusCode.NotFound, (await keyHolder.GetAsync("/api/search?corpus=nothing&q=mine")).StatusCode);
    }

    [Fact]
    public async Task TheApiKeyAppearsInNoLogLineAndNoTrace()
    {
        var tags = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => tags.Enqueue(string.Join(" ", activity.DisplayName,
                string.Join(",", activity.TagObjects.Select(t => $"{t.Key}={t.Value}")), string.Join(",", activity.Baggage))),
        };
        ActivitySource.AddActivityListener(listener);
        const string wrongKey = "wrong-key-that-must-not-leak-7f3a";

        using var client = api.CreateAuthorizedClient();
        var upload = await client.PostAsync("/api/corpora/secret-check/documents",
            new StringContent("{\"_id\":\"1\",\"text\":\"one\"}\n{\"_id\":\"2\",\"text\":\"two\"}\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        using var intruder = api.CreateClient();
        intruder.DefaultRequestHeaders.Add(ApiKeyOptions.HeaderName, wrongKey);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await intruder.PostAsync("/api/corpora/secret-check/documents", new StringContent("{\"_id\":\"1\",\"text\":\"x\"}", Encoding.UTF8, "application/x-ndjson"))).StatusCode);

        Assert.NotEmpty(api.Logs.Lines); // the capture works: requests were logged
        Assert.Contains(tags, t => t.Contains("/api/corpora", StringComparison.Ordinal)); // and traced
        foreach (var secret in new[] { SearchApiFixture.ApiKey, wrongKey })
        {
            Assert.DoesNotContain(api.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(tags, tag => tag.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnEmptyApiKeyIsWarnedAboutAtStartup()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await new ApiKeyStartupCheck(Options.Create(new ApiKeyOptions { ApiKey = "" }), factory.CreateLogger<ApiKeyStartupCheck>())
            .StartAsync(CancellationToken.None);
        await new ApiKeyStartupCheck(Options.Create(new ApiKeyOptions { ApiKey = "set" }), factory.CreateLogger<ApiKeyStartupCheck>())
            .StartAsync(CancellationToken.None);

        var warning = Assert.Single(logs.Lines);
        Assert.Contains("Warning", warning);
        Assert.Contains("Security:ApiKey is empty", warning);
    }
}
