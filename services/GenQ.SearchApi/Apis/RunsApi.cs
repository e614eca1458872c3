using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.SearchApi.Ingestion;
using GenQ.SearchApi.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Apis;

public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Runs");

        api.MapPost("/corpora/{name}/documents", UploadDocumentsAsync)
            .WithName("UploadDocuments")
            .WithSummary("Upload documents (BEIR JSON lines or plain text) and start a GenQ run")
            .Accepts<string>("application/x-ndjson", "application/jsonl", "text/plain")
            .DisableAntiforgery();

        api.MapGet("/runs/{id}", GetRunAsync)
            .WithName("GetRun")
            .WithSummary("Stage and progress of a run");

        return app;
    }

    public static async Task<Results<Accepted<RunStatus>, ValidationProblem>> UploadDocumentsAsync(
        string name,
        HttpRequest request,
        RunStore runs,
        ModelRegistry models,
        BaseModel baseModel,
        IJobQueue queue,
        IOptions<IngestOptions> options,
        CancellationToken cancellationToken)
    {
        if (!CorpusName.IsValid(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [CorpusName.Rule] });
        }
        var plainText = request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;
        var upload = await DocumentUploadReader.ReadAsync(request.Body, plainText, options.Value.MaxLineBytes, cancellationToken);
        if (upload.Error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [upload.Error] });
        }

        var batches = upload.Passages.Chunk(Math.Max(1, options.Value.PassagesPerBatch)).ToList();
        var run = await runs.CreateRunAsync(name, upload.Passages, batches.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            // A deterministic message id: publishing a batch twice can never generate it twice.
            await queue.PublishAsync(new GeneratePassagesJob(run.RunId, name, i, batches.Count, batches[i]),
                messageId: $"{run.RunId}:generate:{i}", CancellationToken.None);
        }
        // Index the corpus with the base model right away, so search works before training finishes.
        var baseVersion = $"base-{run.RunId}";
        await models.RegisterAsync(name, baseVersion, baseModel.Folder.Path);
        await queue.PublishAsync(new ModelPublishedJob(run.RunId, name, baseVersion, baseModel.Folder.Path, IsBaseModel: true),
            messageId: $"{run.RunId}:model:{baseVersion}", CancellationToken.None);
        return TypedResults.Accepted($"/api/runs/{run.RunId}", run);
    }

    public static async Task<Results<Ok<RunStatus>, ProblemHttpResult>> GetRunAsync(string id, RunStore runs) =>
        await runs.GetAsync(id) is { } run
            ? TypedResults.Ok(run)
            : TypedResults.Problem($"No run with id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Run not found");
}
