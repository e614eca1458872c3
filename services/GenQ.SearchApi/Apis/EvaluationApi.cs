using GenQ.Contracts.Corpora;
using GenQ.Evaluation.Reporting;
using GenQ.Runs;
using GenQ.SearchApi.Evaluation;
using GenQ.SearchApi.Ingestion;
using GenQ.SearchApi.Limits;
using GenQ.SearchApi.Security;
using GenQ.VectorStore.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GenQ.SearchApi.Apis;

public static class EvaluationApi
{
    public const string QueriesPart = "queries";
    public const string QrelsPart = "qrels";

    public static IEndpointRouteBuilder MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/corpora/{name}/evaluate", EvaluateAsync)
            .WithTags("Evaluation")
            .WithName("EvaluateCorpus")
            .WithSummary("nDCG@10, MRR@10, Recall@100, MAP@100 of the live and base model versions (versions=all: every ready one) and other modes on uploaded BEIR queries + qrels")
            // Any other content type is answered 415 by the framework (problem details) before the handler runs.
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AddEndpointFilter(new LiteralPathFilter("name"))
            .RequireRateLimiting(RateLimitOptions.EvaluatePolicy)
            .DisableAntiforgery()
            .RequireApiKeyForWrites();
        return app;
    }

    public static async Task<Results<Ok<EvaluationReport>, ValidationProblem, ProblemHttpResult>> EvaluateAsync(
        string name,
        HttpContext http,
        RunStore runs,
        IOptions<IngestOptions> options,
        [FromServices] IEnumerable<IEvaluationSystemSource> registeredSources,
        CancellationToken cancellationToken)
    {
        if (!CorpusName.IsValid(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [CorpusName.Rule] });
        }
        if (!http.Request.HasFormContentType)
        {
            // No body or no content type at all: reading the form would throw (a 500) instead of saying what is missing.
            return Invalid("body", $"expected multipart/form-data with the file parts '{QueriesPart}' and '{QrelsPart}'");
        }
        if (await runs.GetCorpusAsync(name) is not { } corpus)
        {
            return TypedResults.Problem($"No corpus named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Corpus not found");
        }

        EvaluationQuerySet querySet;
        IReadOnlySet<string>? modes;
        bool allVersions;
        var maxBytes = options.Value.MaxUploadBytes;
        try
        {
            var form = await ReadFormAsync(http, maxBytes, cancellationToken);
            modes = EvaluationModes.Parse(form[EvaluationModes.Field]);
            allVersions = EvaluationVersions.Parse(form[EvaluationVersions.Field]);
            var queries = await ReadPartAsync(form, QueriesPart, BeirUploadReader.ReadQueriesAsync, cancellationToken);
            var qrels = await ReadPartAsync(form, QrelsPart, BeirUploadReader.ReadQrelsAsync, cancellationToken);
            querySet = EvaluationQuerySet.Create(queries, qrels, QrelsPart);
        }
        catch (Exception ex) when (ex is UploadTooLargeException
            || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge))
        {
            return TypedResults.Problem($"The upload is larger than {maxBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
        }
        catch (EvaluationInputException ex)
        {
            return Invalid(ex.Field, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return Invalid("body", $"not valid multipart/form-data ({ex.Message})");
        }

        var dense = ActivatorUtilities.CreateInstance<DenseVersionSystemSource>(http.RequestServices);
        var systems = new List<EvaluationSystem>();
        foreach (var source in registeredSources.Prepend(dense).Where(s => modes is null || modes.Contains(s.Mode)))
        {
            systems.AddRange(await source.GetSystemsAsync(name, allVersions, cancellationToken));
        }
        var unavailable = modes?.Where(m => systems.All(s => s.Mode != m)).ToList() ?? [];
        if (systems.Count == 0 || unavailable.Count > 0)
        {
            var what = unavailable.Count > 0 ? $"mode(s) {string.Join(", ", unavailable)}" : "any mode";
            return TypedResults.Problem(
                $"Corpus '{name}' cannot be evaluated with {what} yet (dense needs a ready index version: wait for the run's base-model indexing).",
                statusCode: StatusCodes.Status409Conflict, title: "Nothing to evaluate");
        }

        try
        {
            return TypedResults.Ok(await CorpusEvaluator.EvaluateAsync(name, corpus.Passages, querySet, systems, cancellationToken));
        }
        catch (LexicalIndexUnavailableException ex)
        {
            return TypedResults.Problem($"{ex.Message} Ask for modes=dense meanwhile.", statusCode: StatusCodes.Status409Conflict, title: "No lexical index");
        }
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpContext http, long maxBytes, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            throw new UploadTooLargeException(maxBytes);
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        // Counted here too: chunked uploads have no Content-Length, and not every host enforces the limit.
        http.Request.Body = new SizeLimitedStream(http.Request.Body, maxBytes);
        return await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes + 1 }, cancellationToken);
    }

    private static async Task<T> ReadPartAsync<T>(
        IFormCollection form, string part, Func<Stream, string, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var file = form.Files.GetFile(part) ?? throw new EvaluationInputException(part, null, $"the file part '{part}' is missing");
        await using var stream = file.OpenReadStream();
        return await read(stream, part, cancellationToken);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
