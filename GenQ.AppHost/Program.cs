using Microsoft.Extensions.Configuration;
using GenQ.AppHost.Redis;

var builder = DistributedApplication.CreateBuilder(args);

// Redis carries every work queue and the run state: a container where a runtime exists, else redis-server.
var redis = builder.AddGenQRedis("redis");

// Qdrant (vector index) joins here with the indexing issue; without it the services use the embedded index.

builder.AddProject<Projects.GenQ_GeneratorWorker>("generator-worker")
    .WithReplicas(builder.Configuration.GetValue("GenQ:GeneratorReplicas", 2))
    .WithReference(redis).WaitFor(redis)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.GenQ_TrainerWorker>("trainer-worker")
    .WithReference(redis).WaitFor(redis)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.GenQ_SearchApi>("search-api")
    .WithReference(redis).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
