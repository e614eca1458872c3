using GenQ.AppHost.Redis;
using GenQ.AppHost.Storage;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// Redis carries every work queue and the run state: a container where a runtime exists, else redis-server.
var redis = builder.AddGenQRedis("redis");

// Models and the embedded vector index live in one data folder shared by the trainer and the search API.
// Qdrant joins here with the indexing issue's container resource; without it both use the embedded index.
var dataDirectory = builder.GenQDataDirectory();

// Write endpoints of the search API require this key (X-Api-Key header). Set your own with
// `dotnet user-secrets set Parameters:api-key <key> --project GenQ.AppHost`; appsettings.json has a local default.
var apiKey = builder.AddParameter("api-key", secret: true);

builder.AddProject<Projects.GenQ_GeneratorWorker>("generator-worker")
    .WithReplicas(builder.Configuration.GetValue("GenQ:GeneratorReplicas", 2))
    .WithReference(redis).WaitFor(redis)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.GenQ_TrainerWorker>("trainer-worker")
    .WithReference(redis).WaitFor(redis)
    .WithDataDirectory(dataDirectory)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.GenQ_SearchApi>("search-api")
    .WithReference(redis).WaitFor(redis)
    .WithDataDirectory(dataDirectory)
    .WithEnvironment("Security__ApiKey", apiKey)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
