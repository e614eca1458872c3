using GenQ.Contracts.Corpora;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Queue.Abstractions;
using GenQ.Runs;
using GenQ.SearchApi.Ingestion;
using GenQ.SearchApi.Limits;
using GenQ.SearchApi.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Apis;

public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/api").WithTags("Runs").RequireApiKeyForWrites();
        var reads = app.MapGroup("/api").WithTags("Runs").RequireApiKeyForReads();

        writes.MapPost("/corpora/{name}/documents", UploadDocumentsAsync)
            .WithName("UploadDocuments")
            .WithSummary("Upload documents (BEIR JSON lines or plain text) and start a GenQ run; mode=replace (default) or append")
            .Accepts<string>("application/x-ndjson", "application/jsonl", "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AddEndpointFilter(new LiteralPathFilter("name"))
            .RequireRateLimiting(RateLimitOptions.UploadPolicy)
            .DisableAntiforgery();

        writes.MapPost("/runs/{id}/train", TrainRunAsync)
            .WithName("TrainRun")
            .WithSummary("Train a run now on the pairs stored so far (normally it starts when generation completes)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        reads.MapGet("/runs/{id}", GetRunAsync)
            .WithName("GetRun")
            .WithSummary("Stage and progress of a run")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Accepted<JsonObject>, ValidationProblem, ProblemHttpResult>> UploadDocumentsAsync(
        string name,
        string? mode,
        HttpContext http,
        RunStarter starter,
        IOptions<IngestOptions> options,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!CorpusName.IsValid(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [CorpusName.Rule] });
        }
        if (!TryParseMode(mode, out var uploadMode))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["mode"] = [$"'{mode}' is not an upload mode: use 'replace' (the default: the upload becomes the corpus) or 'append' (add to it)"],
            });
        }
        var maxBytes = options.Value.MaxUploadBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        UploadReadResult upload;
        try
        {
            if (http.Request.ContentLength > maxBytes)
            {
                throw new UploadTooLargeException(maxBytes);
            }
            var plainText = http.Request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;
            await using var body = new SizeLimitedStream(http.Request.Body, maxBytes);
            upload = await DocumentUploadReader.ReadAsync(body, plainText, options.Value, cancellationToken);
        }
        catch (Exception ex) when (ex is UploadTooLargeException
            || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge))
        {
            return TypedResults.Problem($"The upload is larger than {maxBytes} bytes; nothing was stored.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
        }
        if (upload.Error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"{upload.Error}; nothing was stored"] });
        }

        if (uploadMode == UploadMode.Append)
        {
            return await AppendAsync(name, upload, starter, json.Value);
        }

        // Nothing is stored before the whole upload validated; the run and its passages are then written in one transaction.
        var run = await starter.StartAsync(name, upload.Passages);
        var trains = starter.CanTrain(upload.Passages.Count);
        var summary = new UploadSummary(upload.Documents, upload.Passages.Count, upload.SkippedEmpty, upload.SkippedLines,
            trains, trains ? "queued" : starter.TooSmallToTrain(upload.Passages.Count));
        return Accepted(run, summary, json.Value);
    }

    /// <summary>
    /// An append stores nothing unless the corpus exists (404: nothing to append to; a first upload is a replace) and
    /// none of its passage ids is in the corpus yet (409 naming the line: an append only adds; changing a document is a
    /// replace of the corpus). Both are checked in the same atomic write as the run.
    /// </summary>
    private static async Task<Results<Accepted<JsonObject>, ValidationProblem, ProblemHttpResult>> AppendAsync(
        string name, UploadReadResult upload, RunStarter starter, JsonOptions json)
    {
        var result = await starter.AppendAsync(name, upload.Passages);
        if (result.CorpusMissing)
        {
            return TypedResults.Problem(
                $"No corpus named '{name}' to append to; nothing was stored. Upload it first without mode (or with mode=replace), which creates it.",
                statusCode: StatusCodes.Status404NotFound, title: "Corpus not found");
        }
        if (result.DuplicateId is { } id)
        {
            return TypedResults.Problem(
                $"line {upload.LineOf(id)}: _id '{id}' is already in corpus '{name}'; nothing was stored. An append only adds new documents; " +
                "upload the whole corpus with mode=replace to change existing ones.",
                statusCode: StatusCodes.Status409Conflict, title: "Passage already in the corpus");
        }
        var run = result.Run!;
        var summary = new UploadSummary(upload.Documents, upload.Passages.Count, upload.SkippedEmpty, upload.SkippedLines,
            run.Append!.Retrains, run.Append.Summary, UploadMode.Append);
        return Accepted(run, summary, json);
    }

    private static Accepted<JsonObject> Accepted(RunStatus run, UploadSummary summary, JsonOptions json)
    {
        // The run's own fields stay at the top level (clients read the answer as the run); the summary is added.
        var answer = JsonSerializer.SerializeToNode(run, json.SerializerOptions)!.AsObject();
        answer["upload"] = JsonSerializer.SerializeToNode(summary, json.SerializerOptions);
        return TypedResults.Accepted($"/api/runs/{run.RunId}", answer);
    }

    // Absent or empty: replace (what every upload did before modes existed). Case does not matter.
    private static bool TryParseMode(string? value, out UploadMode mode)
    {
        mode = UploadMode.Replace;
        if (string.IsNullOrEmpty(value) || value.Equals("replace", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        mode = UploadMode.Append;
        return value.Equals("append", StringComparison.OrdinalIgnoreCase);
    }

    public static async Task<Results<Accepted<RunStatus>, ProblemHttpResult>> TrainRunAsync(string id, RunStore runs, IJobQueue queue)
    {
        if (await runs.GetAsync(id) is not { } run)
        {
            return RunNotFound(id);
        }
        if (run.Stage is RunStage.Cancelled)
        {
            return TypedResults.Problem($"Run '{id}' was cancelled ({run.Error}); it cannot be trained.", statusCode: StatusCodes.Status409Conflict, title: "Run cancelled");
        }
        if (run.PairsStored == 0)
        {
            return TypedResults.Problem($"Run '{id}' has no stored pairs yet.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to train");
        }
        await queue.PublishAsync(new TrainRunJob(run.RunId, run.Corpus), messageId: $"{run.RunId}:train", CancellationToken.None);
        if (run.Stage is RunStage.Generating)
        {
            // Queued behind whatever the trainer is doing; the trainer moves it to training when it starts.
            await runs.SetStageAsync(run.RunId, RunStage.WaitingForTrainer);
            run = await runs.GetAsync(run.RunId) ?? run;
        }
        return TypedResults.Accepted($"/api/runs/{run.RunId}", run);
    }

    public static async Task<Results<Ok<RunStatus>, ProblemHttpResult>> GetRunAsync(string id, RunStore runs) =>
        await runs.GetAsync(id) is { } run ? TypedResults.Ok(run) : RunNotFound(id);

    private static ProblemHttpResult RunNotFound(string id) =>
        TypedResults.Problem($"No run with id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Run not found");
}
