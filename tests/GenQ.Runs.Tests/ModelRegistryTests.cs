using GenQ.Contracts.Runs;
using GenQ.Testing;
using StackExchange.Redis;

namespace GenQ.Runs.Tests;

public sealed class ModelRegistryTests : IAsyncLifetime
{
    private RedisServer _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private ModelRegistry _models = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _redis = await _server.ConnectAsync();
        _models = new ModelRegistry(_redis);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ListsEveryRegisteredVersionOfOneCorpusOnly()
    {
        await _models.RegisterAsync("docs", "base-r1", "/models/base");
        await _models.RegisterAsync("docs", "v0001", "/models/docs/v0001");
        await _models.RegisterAsync("other", "v0009", "/models/other/v0009");

        var versions = await _models.ListAsync("docs");

        Assert.Equal(new Dictionary<string, string> { ["base-r1"] = "/models/base", ["v0001"] = "/models/docs/v0001" }, versions);
        Assert.Empty(await _models.ListAsync("unknown"));
    }

    [Fact]
    public async Task TheLatestManualDecisionPerVersionRoundTrips()
    {
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        await _models.RecordPromotionAsync("docs", new PromotionReport(PromotionReport.Promoted, "promoted by an operator", "v2", "v1") { Manual = true, DecidedAt = at });
        await _models.RecordPromotionAsync("docs", new PromotionReport(PromotionReport.Promoted, "rolled back by an operator", "v1", "v2") { Manual = true, DecidedAt = at.AddMinutes(5) });
        await _models.RecordPromotionAsync("docs", new PromotionReport(PromotionReport.Promoted, "promoted by an operator", "v2", "v1") { Manual = true, DecidedAt = at.AddMinutes(9) });

        var decisions = await _models.GetPromotionsAsync("docs");

        Assert.Equal(["v1", "v2"], decisions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("rolled back by an operator", "v2", true), (decisions["v1"].Reason, decisions["v1"].Live, decisions["v1"].Manual));
        Assert.Equal(at.AddMinutes(9), decisions["v2"].DecidedAt);
        Assert.Empty(await _models.GetPromotionsAsync("other"));
    }
}
