using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GenQ.Contracts;
using GenQ.Contracts.Jobs;

namespace GenQ.Queue.Redis;

/// <summary>
/// Serializes job bodies with source-generated metadata. GenQ's own contracts are always known; callers may add
/// resolvers for job types of their own (tests do).
/// </summary>
public sealed class JobSerializer(params IJsonTypeInfoResolver[] extraResolvers)
{
    private readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine([ContractsJsonContext.Default, .. extraResolvers]),
    };

    public string Serialize<TJob>(TJob job) where TJob : IJob => JsonSerializer.Serialize(job, TypeInfo<TJob>());

    public TJob Deserialize<TJob>(string body) where TJob : IJob =>
        JsonSerializer.Deserialize(body, TypeInfo<TJob>())
        ?? throw new JsonException($"The body of a '{TJob.MessageType}' message is JSON null.");

    private JsonTypeInfo<TJob> TypeInfo<TJob>() =>
        (JsonTypeInfo<TJob>?)_options.GetTypeInfo(typeof(TJob))
        ?? throw new InvalidOperationException($"No JSON metadata registered for {typeof(TJob).Name}.");
}
