using System.Globalization;
using System.Text.Json;
using GenQ.Contracts.Corpora;
using GenQ.Hybrid;
using GenQ.SearchApi.Limits;
using GenQ.SearchApi.Model;
using GenQ.SearchApi.Search;
using GenQ.SearchApi.Security;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenQ.SearchApi.Apis;

public static class SearchApi
{
    public const int MaxTopK = 100;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search").RequireApiKeyForReads()
            .RequireRateLimiting(RateLimitOptions.SearchPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/", SearchByBodyAsync)
            .WithName("Search")
            .WithSummary("Search a corpus: dense, bm25 or hybrid (default)")
            .Accepts<SearchRequest>("application/json");

        api.MapGet("/", SearchByQueryAsync)
            .WithName("SearchByQuery")
            .WithSummary("Search a corpus (query string form: corpus, q, top_k, mode, version)");

        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> SearchByBodyAsync(
        HttpRequest http, SearchService search, SearchableVersions versions, CancellationToken cancellationToken)
    {
        // Read the body here rather than through binding, so malformed JSON gets a problem naming the body.
        SearchRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Body, SearchJsonContext.Default.SearchRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            // A value of the wrong type ("top_k": 1.5 or "abc") names its field; broken JSON names the body.
            var converting = ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            var field = converting && ex.Path is ['$', '.', .. var name] && SearchRequest.Fields.Contains(name) ? name : "body";
            var problem = field == "body" ? $"not valid JSON: {ex.Message}" : $"has the wrong type or format ({ex.Message})";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] });
        }
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["expected a JSON object {corpus, query, top_k}"] });
        }
        return await SearchAsync(request.Corpus, request.Query, request.TopK, request.Mode, request.Version, search, versions, [], cancellationToken);
    }

    /// <summary>
    /// <paramref name="top_k"/> is bound as text and parsed here: a framework binding failure ("abc", "1.5") would
    /// otherwise be an exception instead of a problem naming the parameter.
    /// </summary>
    public static Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> SearchByQueryAsync(
        string? corpus, string? q, string? top_k, string? mode, string? version, SearchService search, SearchableVersions versions,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        int? topK = null;
        if (top_k is not null)
        {
            if (int.TryParse(top_k, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                topK = parsed;
            }
            else
            {
                errors["top_k"] = [$"must be a whole number between 1 and {MaxTopK}"];
            }
        }
        return SearchAsync(corpus, q, topK, mode, version, search, versions, errors, cancellationToken);
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        string? corpus, string? query, int? topK, string? mode, string? version, SearchService search, SearchableVersions versions,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!CorpusName.IsValid(corpus))
        {
            errors["corpus"] = [CorpusName.Rule];
        }
        if (string.IsNullOrWhiteSpace(query))
        {
            errors["query"] = ["must not be empty"];
        }
        if (topK is < 1 or > MaxTopK)
        {
            errors["top_k"] = [$"must be between 1 and {MaxTopK}"];
        }
        SearchMode? searchMode = null;
        if (!string.IsNullOrWhiteSpace(mode))
        {
            try
            {
                searchMode = SearchModes.Parse(mode);
            }
            catch (ArgumentException)
            {
                errors["mode"] = ["must be dense, bm25 or hybrid"];
            }
        }
        if (version is not null && !IndexNames.IsValidModelVersion(version))
        {
            errors["version"] = ["a model version such as v0001 or base-<run id>: letters, digits, '.', '-' or '_'"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        // Pinning a version (the zero-shot base model next to the adapted one) needs that version to be searchable.
        if (version is not null && !await versions.ContainsAsync(corpus!, version, cancellationToken))
        {
            return TypedResults.Problem($"Corpus '{corpus}' has no searchable model version '{version}' (unknown, still building, or pruned).",
                statusCode: StatusCodes.Status404NotFound, title: "Model version not found");
        }

        SearchResponse? response;
        try
        {
            response = await search.SearchAsync(corpus!, query!.Trim(), topK ?? 10, searchMode, cancellationToken, version);
        }
        catch (LexicalIndexUnavailableException ex)
        {
            return TypedResults.Problem($"{ex.Message} Dense and hybrid search work meanwhile.",
                statusCode: StatusCodes.Status409Conflict, title: "No lexical index");
        }

        return response is null
            ? TypedResults.Problem($"Corpus '{corpus}' has no live index (unknown corpus, or its first indexing is not finished).",
                statusCode: StatusCodes.Status404NotFound, title: "Corpus not searchable")
            : TypedResults.Ok(response);
    }
}
