using GenQ.Runs;
using GenQ.SearchApi.Model;
using GenQ.SearchApi.Security;
using GenQ.VectorStore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenQ.SearchApi.Apis;

public static class CorporaApi
{
    public static IEndpointRouteBuilder MapCorporaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/corpora").WithTags("Corpora").RequireApiKeyForReads();

        api.MapGet("/", ListCorporaAsync)
            .WithName("ListCorpora")
            .WithSummary("All corpora with their passages, live model version and index backend");

        api.MapGet("/{name}", GetCorpusAsync)
            .WithName("GetCorpus")
            .WithSummary("One corpus")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Ok<List<CorpusSummary>>> ListCorporaAsync(RunStore runs, IVectorIndex index, CancellationToken cancellationToken)
    {
        var summaries = new List<CorpusSummary>();
        foreach (var name in await runs.ListCorporaAsync())
        {
            summaries.Add((await SummarizeAsync(name, runs, index, cancellationToken))!);
        }
        return TypedResults.Ok(summaries);
    }

    public static async Task<Results<Ok<CorpusSummary>, ProblemHttpResult>> GetCorpusAsync(
        string name, RunStore runs, IVectorIndex index, CancellationToken cancellationToken) =>
        await SummarizeAsync(name, runs, index, cancellationToken) is { } summary
            ? TypedResults.Ok(summary)
            : TypedResults.Problem($"No corpus named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Corpus not found");

    private static async Task<CorpusSummary?> SummarizeAsync(string name, RunStore runs, IVectorIndex index, CancellationToken cancellationToken)
    {
        if (await runs.GetCorpusAsync(name) is not { } corpus)
        {
            return null;
        }
        var live = await index.GetLiveVersionAsync(name, cancellationToken);
        return new CorpusSummary(name, corpus.LatestRunId, corpus.Passages, live, index.Backend.Kind.ToString());
    }
}
