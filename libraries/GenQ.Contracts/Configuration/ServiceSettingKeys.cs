namespace GenQ.Contracts.Configuration;

/// <summary>
/// The configuration the AppHost hands to the services as environment variables: the section names the services'
/// options bind (each options class's <c>SectionName</c> is one of these) and the keys the AppHost sets in them. One home
/// for both sides, so renaming a section cannot silently leave a setting unread. The section names are the keys
/// appsettings and environment variables already use: changing one breaks every deployment's configuration.
/// </summary>
public static class ServiceSettingKeys
{
    public const string BaseModelSection = "BaseModel";
    public const string SecuritySection = "Security";
    public const string DemoSection = "Demo";
    public const string StorageSection = "Storage";
    public const string VectorStoreSection = "VectorStoreOptions";
    public const string GenerationSection = "Generation";

    /// <summary>BaseModelOptions.ModelPath: the base model folder of trainer and search API.</summary>
    public const string BaseModelPath = BaseModelSection + ":ModelPath";

    /// <summary>ApiKeyOptions.ApiKey: the key the search API's write endpoints require.</summary>
    public const string ApiKey = SecuritySection + ":ApiKey";

    /// <summary>DemoCorpusOptions.IngestOnStart.</summary>
    public const string DemoIngestOnStart = DemoSection + ":IngestOnStart";

    /// <summary>StorageOptions.DataDirectory: the model store.</summary>
    public const string DataDirectory = StorageSection + ":DataDirectory";

    /// <summary>VectorStoreOptions.DataDirectory: the embedded vector index.</summary>
    public const string VectorStoreDataDirectory = VectorStoreSection + ":DataDirectory";

    /// <summary>GenerationOptions.IntraOpThreads: ONNX Runtime threads of each generator replica.</summary>
    public const string GenerationIntraOpThreads = GenerationSection + ":IntraOpThreads";

    /// <summary>The environment variable .NET configuration reads as <paramref name="key"/> ("BaseModel:ModelPath" → "BaseModel__ModelPath").</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
