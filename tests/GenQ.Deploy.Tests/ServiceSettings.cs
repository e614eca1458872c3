using System.Reflection;
using GenQ.Adaptation.Mining;
using GenQ.Adaptation.Promotion;
using GenQ.Adaptation.Teachers;
using GenQ.Adaptation.TrainingData;
using GenQ.SearchApi.Demo;
using GenQ.Embeddings.Models;
using GenQ.Generation;
using GenQ.ModelStore;
using GenQ.Queue.Redis;
using GenQ.SearchApi.Ingestion;
using GenQ.SearchApi.Limits;
using GenQ.SearchApi.Search;
using GenQ.SearchApi.Security;
using GenQ.Training;
using GenQ.VectorStore;
using GenQ.WebApp.Services;

namespace GenQ.Deploy.Tests;

/// <summary>
/// The configuration each deployable binds, as (section, options type) pairs taken from the code: a section is the
/// options class' SectionName constant, or nameof(type) where the service binds it so. Where a service binds a
/// literal section ("Search", "Training", "BaseModel", "Demo") the literal is repeated here and a rename of
/// that literal is not caught; a renamed property is. Keys are the environment form Section__Property
/// (nested options: Section__Property__Inner). TrainerWorkerOptions lives in the trainer executable, which the tests do
/// not reference (its output carries libtorch): the manifests set none of its keys, and any would fail here.
/// </summary>
public static class ServiceSettings
{
    /// <summary>Host settings read by ASP.NET Core itself, allowed in every Deployment.</summary>
    public static readonly string[] HostKeys = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS"];

    public static readonly IReadOnlyDictionary<string, (string Section, Type Options)[]> Sections = new Dictionary<string, (string, Type)[]>
    {
        ["search-api"] =
        [
            (nameof(JobQueueOptions), typeof(JobQueueOptions)),
            (nameof(VectorStoreOptions), typeof(VectorStoreOptions)),
            (ApiKeyOptions.SectionName, typeof(ApiKeyOptions)),
            (nameof(IngestOptions), typeof(IngestOptions)),
            ("Search", typeof(SearchOptions)),
            (QueryEncodingOptions.SectionName, typeof(QueryEncodingOptions)),
            (RateLimitOptions.SectionName, typeof(RateLimitOptions)),
            ("Demo", typeof(DemoCorpusOptions)),
            ("BaseModel", typeof(BaseModelOptions)),
            (StorageOptions.SectionName, typeof(StorageOptions)),
            (ModelStoreOptions.SectionName, typeof(ModelStoreOptions)),
        ],
        ["generator-worker"] =
        [
            (nameof(JobQueueOptions), typeof(JobQueueOptions)),
            (GenerationOptions.SectionName, typeof(GenerationOptions)),
        ],
        ["trainer-worker"] =
        [
            (nameof(JobQueueOptions), typeof(JobQueueOptions)),
            (nameof(VectorStoreOptions), typeof(VectorStoreOptions)),
            (StorageOptions.SectionName, typeof(StorageOptions)),
            (ModelStoreOptions.SectionName, typeof(ModelStoreOptions)),
            ("Training", typeof(TrainingOptions)),
            ("BaseModel", typeof(BaseModelOptions)),
            (TrainingDataOptions.SectionName, typeof(TrainingDataOptions)),
            (HardNegativeOptions.SectionName, typeof(HardNegativeOptions)),
            (TeacherOptions.SectionName, typeof(TeacherOptions)),
            (PromotionGateOptions.SectionName, typeof(PromotionGateOptions)),
        ],
        ["web"] =
        [
            (GenQApiOptions.SectionName, typeof(GenQApiOptions)),
        ],
    };

    /// <summary>Connection strings each service asks for by name (AddRedisJobQueue("redis"), the vector index's "qdrant").</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Connections = new Dictionary<string, string[]>
    {
        ["search-api"] = ["redis", "qdrant"],
        ["generator-worker"] = ["redis"],
        ["trainer-worker"] = ["redis", "qdrant"],
        ["web"] = [],
    };

    public static HashSet<string> KeysOf(string service)
    {
        var keys = new HashSet<string>(HostKeys, StringComparer.OrdinalIgnoreCase);
        foreach (var connection in Connections[service])
        {
            keys.Add($"ConnectionStrings__{connection}");
        }
        foreach (var (section, type) in Sections[service])
        {
            AddProperties(keys, section, type, depth: 0);
        }
        return keys;
    }

    public static string Key(string section, string property) => $"{section}__{property}";

    private static void AddProperties(HashSet<string> keys, string prefix, Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = Key(prefix, property.Name);
            keys.Add(key);
            var propertyType = property.PropertyType;
            if (depth < 2 && propertyType.IsClass && propertyType != typeof(string) && propertyType != typeof(Uri) && !propertyType.IsArray
                && propertyType.Namespace?.StartsWith("GenQ", StringComparison.Ordinal) == true)
            {
                AddProperties(keys, key, propertyType, depth + 1);
            }
        }
    }
}
