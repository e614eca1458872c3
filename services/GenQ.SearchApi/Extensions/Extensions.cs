using GenQ.Embeddings.Models;
using GenQ.ModelStore;
using GenQ.Queue.Redis;
using GenQ.Runs;
using GenQ.SearchApi.Demo;
using GenQ.SearchApi.Errors;
using GenQ.SearchApi.Evaluation;
using GenQ.SearchApi.Ingestion;
using GenQ.SearchApi.Limits;
using GenQ.SearchApi.OpenApi;
using GenQ.SearchApi.Search;
using GenQ.SearchApi.Security;
using GenQ.VectorStore;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // The API only publishes (uploads to generate, base models to index, train requests): it runs no consumers.
        builder.AddRedisJobPublisher("redis", failFast: true);
        builder.AddVectorIndex();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddSingleton<ModelRegistry>();
        // Versions are resolved through the store (ModelStore:Kind) before an encoder loads; what the index serves stays
        // cached (AddVectorIndex above registers that as the IModelsInUse).
        builder.AddModelStore();
        builder.Services.AddOptions<BaseModelOptions>().BindConfiguration(BaseModelOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton(services => new BaseModelProvider(services.GetRequiredService<IOptions<BaseModelOptions>>().Value));
        builder.Services.AddOptions<QueryEncodingOptions>().BindConfiguration(QueryEncodingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<QueryEncodingOptions>, QueryEncodingOptionsValidator>();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<QueryEncodingOptions>>().Value);
        builder.Services.AddSingleton<QueryEncoderCache>();
        builder.Services.AddSingleton<IQueryEncoderSource>(services => services.GetRequiredService<QueryEncoderCache>());
        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddSingleton<Versions.CorpusVersionCatalog>();
        builder.Services.AddSingleton<SearchableVersions>();
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName).ValidateOnStart();
        // Evaluation rows beyond the built-in dense ones: BM25 and hybrid, served by the same code as /api/search.
        builder.Services.AddSingleton<IEvaluationSystemSource, Bm25SystemSource>();
        builder.Services.AddSingleton<IEvaluationSystemSource, HybridSystemSource>();
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        builder.Services.AddHostedService<ApiKeyStartupCheck>();
        builder.Services.AddGenQRateLimits();
        builder.Services.AddSingleton<RunStarter>();
        builder.Services.AddOptions<DemoCorpusOptions>().BindConfiguration(DemoCorpusOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<DemoIngestion>();
        builder.Services.AddHostedService<DemoStartupService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<RedisUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<ModelUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddOpenApi(options => options
            .AddDocumentTransformer<ApiKeySchemeTransformer>()
            .AddOperationTransformer<ProblemResponsesTransformer>());
    }
}
