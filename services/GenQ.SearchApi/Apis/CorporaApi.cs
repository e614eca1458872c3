using GenQ.Contracts.Corpora;
using GenQ.ModelStore;
using GenQ.Runs;
using GenQ.SearchApi.Model;
using GenQ.SearchApi.Search;
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

        app.MapGroup("/api/corpora").WithTags("Corpora").RequireApiKeyForWrites()
            .MapDelete("/{name}", DeleteCorpusAsync)
            .WithName("DeleteCorpus")
            .WithSummary("Delete a corpus: its record, passages, runs (unfinished ones stop) and every index version")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddEndpointFilter(new LiteralPathFilter("name"));

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

    /// <summary>
    /// Run state goes first, so a worker busy with one of the corpus' runs finds it gone at its next check and never
    /// publishes into the index; then the index, then the model store's versions. A corpus known only to the index (a partial earlier delete) is removed too.
    /// The request's abort token is not passed on: a delete that started finishes.
    /// </summary>
    public static async Task<Results<Ok<CorpusDeletion>, ValidationProblem, ProblemHttpResult>> DeleteCorpusAsync(
        string name, RunStore runs, IVectorIndex index, IModelStore models, QueryEncoderCache encoders)
    {
        if (!CorpusName.IsValid(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [CorpusName.Rule] });
        }
        var removedRuns = await runs.DeleteCorpusAsync(name);
        var removedVersions = await index.DeleteCorpusAsync(name, CancellationToken.None);
        await models.DeleteCorpusAsync(name, CancellationToken.None); // last: nothing can serve the corpus any more
        encoders.ReleaseCorpus(name); // its ONNX sessions go once the requests still using them finish
        return removedRuns is null && removedVersions.Count == 0
            ? TypedResults.Problem($"No corpus named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Corpus not found")
            : TypedResults.Ok(new CorpusDeletion(name, removedRuns ?? [], removedVersions));
    }

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
