using System.Text.Json;
using GenQ.Contracts;
using GenQ.Contracts.Runs;
using StackExchange.Redis;

namespace GenQ.Runs;

/// <summary>
/// Which model folder serves which (corpus, model version): the trainer registers what it exported, the search API
/// looks up the folder of the version the index says is live and loads that encoder. Also keeps the operators' manual
/// promotions and rollbacks (the latest per version), which override the gate's decision in the model manifest.
/// </summary>
public sealed class ModelRegistry(IConnectionMultiplexer redis)
{
    public static string Key(string corpus) => $"genq:models:{corpus}";

    /// <summary>Hash version → <see cref="PromotionReport"/> JSON: the latest manual decision about each version.</summary>
    public static string PromotionsKey(string corpus) => $"genq:promotions:{corpus}";

    public Task RegisterAsync(string corpus, string modelVersion, string modelPath) =>
        redis.GetDatabase().HashSetAsync(Key(corpus), modelVersion, modelPath);

    public async Task<string?> FindAsync(string corpus, string modelVersion)
    {
        var path = await redis.GetDatabase().HashGetAsync(Key(corpus), modelVersion).ConfigureAwait(false);
        return path.IsNull ? null : path.ToString();
    }

    /// <summary>Every registered version of <paramref name="corpus"/> → its model folder.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(string corpus)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(Key(corpus)).ConfigureAwait(false);
        return entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>Records a manual decision about <see cref="PromotionReport.Candidate"/>, replacing an earlier one.</summary>
    public Task RecordPromotionAsync(string corpus, PromotionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return redis.GetDatabase().HashSetAsync(PromotionsKey(corpus), report.Candidate,
            JsonSerializer.Serialize(report, ContractsJsonContext.Default.PromotionReport));
    }

    /// <summary>The latest manual decision per version of <paramref name="corpus"/>.</summary>
    public async Task<IReadOnlyDictionary<string, PromotionReport>> GetPromotionsAsync(string corpus)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(PromotionsKey(corpus)).ConfigureAwait(false);
        var reports = new Dictionary<string, PromotionReport>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (JsonSerializer.Deserialize(entry.Value.ToString(), ContractsJsonContext.Default.PromotionReport) is { } report)
            {
                reports[entry.Name.ToString()] = report;
            }
        }
        return reports;
    }
}
