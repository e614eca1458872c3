using StackExchange.Redis;

namespace GenQ.Runs;

/// <summary>
/// Which model folder serves which (corpus, model version): the trainer registers what it exported, the search API
/// looks up the folder of the version the index says is live and loads that encoder.
/// </summary>
public sealed class ModelRegistry(IConnectionMultiplexer redis)
{
    public static string Key(string corpus) => $"genq:models:{corpus}";

    public Task RegisterAsync(string corpus, string modelVersion, string modelPath) =>
        redis.GetDatabase().HashSetAsync(Key(corpus), modelVersion, modelPath);

    public async Task<string?> FindAsync(string corpus, string modelVersion)
    {
        var path = await redis.GetDatabase().HashGetAsync(Key(corpus), modelVersion).ConfigureAwait(false);
        return path.IsNull ? null : path.ToString();
    }
}
