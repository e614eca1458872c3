using GenQ.Contracts.Runs;
using GenQ.SearchApi.Demo;
using GenQ.SearchApi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenQ.SearchApi.Apis;

public static class DemoApi
{
    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/demo", StartDemoAsync)
            .WithTags("Demo")
            .WithName("StartDemo")
            .WithSummary("Ingest the .NET API reference of the installed SDK as corpus 'dotnet-api' and start a run")
            .RequireApiKeyForWrites();
        return app;
    }

    public static async Task<Accepted<RunStatus>> StartDemoAsync(DemoIngestion demo)
    {
        var run = await demo.StartAsync();
        return TypedResults.Accepted($"/api/runs/{run.RunId}", run);
    }
}
