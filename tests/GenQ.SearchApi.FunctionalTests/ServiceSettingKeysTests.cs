using GenQ.Contracts.Configuration;
using GenQ.SearchApi.Demo;
using GenQ.Embeddings.Models;
using GenQ.ModelStore;
using GenQ.SearchApi.Search;
using GenQ.SearchApi.Security;
using GenQ.VectorStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>The keys the AppHost sets are the options' own section and property names, and read as environment variables.</summary>
public sealed class ServiceSettingKeysTests
{
    [Fact]
    public void EveryKeyTheAppHostSetsNamesAnOptionsProperty()
    {
        Assert.Equal($"{BaseModelOptions.SectionName}:{nameof(BaseModelOptions.ModelPath)}", ServiceSettingKeys.BaseModelPath);
        Assert.Equal($"{ApiKeyOptions.SectionName}:{nameof(ApiKeyOptions.ApiKey)}", ServiceSettingKeys.ApiKey);
        Assert.Equal($"{DemoCorpusOptions.SectionName}:{nameof(DemoCorpusOptions.IngestOnStart)}", ServiceSettingKeys.DemoIngestOnStart);
        Assert.Equal($"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}", ServiceSettingKeys.DataDirectory);
        Assert.Equal($"{VectorStoreOptions.SectionName}:{nameof(VectorStoreOptions.DataDirectory)}", ServiceSettingKeys.VectorStoreDataDirectory);
    }

    [Fact]
    public void SectionNamesAreTheOnesDeploymentsAlreadyUse() =>
        Assert.Equal(
            ["BaseModel", "Security", "Demo", "Storage", "VectorStoreOptions", "IngestOptions", "Search", "QueryEncoding"],
            [BaseModelOptions.SectionName, ApiKeyOptions.SectionName, DemoCorpusOptions.SectionName, StorageOptions.SectionName,
             VectorStoreOptions.SectionName, Ingestion.IngestOptions.SectionName, SearchOptions.SectionName, QueryEncodingOptions.SectionName]);

    [Fact]
    public void TheEnvironmentVariableBindsTheOption()
    {
        // A prefix of this test's own, so no other test's configuration sees the variable.
        var prefix = $"GENQTEST{Guid.NewGuid():N}_";
        var variable = ServiceSettingKeys.EnvironmentVariable(ServiceSettingKeys.BaseModelPath);
        Environment.SetEnvironmentVariable(prefix + variable, "/models/base");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
            services.AddOptions<BaseModelOptions>().BindConfiguration(BaseModelOptions.SectionName);

            Assert.Equal("BaseModel__ModelPath", variable);
            Assert.Equal("/models/base", services.BuildServiceProvider().GetRequiredService<IOptions<BaseModelOptions>>().Value.ModelPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + variable, null);
        }
    }

    [Fact]
    public void ANegativeEncodingLimitFailsStartUpValidation()
    {
        var result = new QueryEncodingOptionsValidator().Validate(null, new QueryEncodingOptions { MaxConcurrentEncodings = -1 });

        Assert.True(result.Failed);
        Assert.Contains("QueryEncoding:MaxConcurrentEncodings", result.FailureMessage, StringComparison.Ordinal);
    }
}
