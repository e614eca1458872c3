using GenQ.AppHost.Configuration;
using GenQ.AppHost.Redis;
using GenQ.AppHost.Storage;
using GenQ.AppHost.Supervision;
using GenQ.AppHost.VectorIndex;
using GenQ.Contracts.Configuration;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// A generator, trainer, API or redis-server that crashes is started again (backoff: GenQ:Restart).
builder.AddCrashRestarts();

// Redis carries every work queue and the run state: a container where a runtime exists, else redis-server.
var redis = builder.AddGenQRedis("redis");

// Models (and the embedded vector index, when no Qdrant runs) live in one data folder shared by trainer and API.
var dataDirectory = builder.GenQDataDirectory();
var qdrant = builder.AddGenQQdrant("qdrant");

// Write endpoints of the search API require this key (X-Api-Key header). Set your own with
// `dotnet user-secrets set Parameters:api-key <key> --project GenQ.AppHost`; appsettings.json has a local default.
var apiKey = builder.AddParameter("api-key", secret: true);

// The trainer fine-tunes the base model and indexes each upload with it first; the search API embeds queries with it:
// both get the same one.
var baseModelPath = builder.Configuration["GenQ:BaseModelPath"] ?? "";

var generatorReplicas = builder.Configuration.GetValue("GenQ:GeneratorReplicas", 2);
builder.AddProject<Projects.GenQ_GeneratorWorker>("generator-worker")
    .WithReplicas(generatorReplicas)
    .WithSetting(ServiceSettingKeys.GenerationIntraOpThreads, GeneratorThreads.PerReplica(builder.Configuration, generatorReplicas, Environment.ProcessorCount))
    .WithReference(redis).WaitFor(redis)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.GenQ_TrainerWorker>("trainer-worker")
    .WithReference(redis).WaitFor(redis)
    .WithDataDirectory(dataDirectory)
    .WithVectorIndex(qdrant)
    .WithSetting(ServiceSettingKeys.BaseModelPath, baseModelPath)
    .WithHttpHealthCheck("/health");

// Query embedding is CPU-bound (docs/benchmarks/search.md): more replicas serve more concurrent searches, each with
// its own cores' worth of encodings. They share the index on disk (or Qdrant) and the run state in Redis.
var searchApi = builder.AddProject<Projects.GenQ_SearchApi>("search-api")
    .WithReplicas(builder.Configuration.GetValue("GenQ:SearchReplicas", 1))
    .WithReference(redis).WaitFor(redis)
    .WithDataDirectory(dataDirectory)
    .WithVectorIndex(qdrant)
    .WithSetting(ServiceSettingKeys.BaseModelPath, baseModelPath)
    .WithSetting(ServiceSettingKeys.ApiKey, apiKey)
    // --GenQ:Demo=true ingests the .NET API reference of this SDK as corpus "dotnet-api" on first start.
    .WithSetting(ServiceSettingKeys.DemoIngestOnStart, builder.Configuration.GetValue("GenQ:Demo", false) ? "true" : "false")
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

// The web app people open: search, compare, corpora, live run progress, upload and evaluation, all through the search API.
builder.AddProject<Projects.GenQ_WebApp>("web")
    .WithReference(searchApi).WaitFor(searchApi)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
