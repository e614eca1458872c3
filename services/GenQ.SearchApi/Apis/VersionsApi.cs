using GenQ.Contracts.Corpora;
using GenQ.Contracts.Runs;
using GenQ.Runs;
using GenQ.SearchApi.Model;
using GenQ.SearchApi.Search;
using GenQ.SearchApi.Security;
using GenQ.SearchApi.Versions;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GenQ.SearchApi.Apis;

public static class VersionsApi
{
    public const string PromotedReason = "promoted by an operator";
    public const string RolledBackReason = "rolled back by an operator";

    public static IEndpointRouteBuilder MapVersionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/corpora/{name}/versions").WithTags("Versions");

        api.MapGet("/", ListVersionsAsync)
            .WithName("ListCorpusVersions")
            .WithSummary("Every model version of a corpus: state, live/previous, method, generator, pairs, fusion, promotion decision")
            .RequireApiKeyForReads();

        api.MapPost("/{version}/promote", PromoteAsync)
            .WithName("PromoteCorpusVersion")
            .WithSummary("Make a ready version live (an older one: rollback) and record the operator's decision")
            .RequireApiKeyForWrites();

        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<CorpusVersion>>, ValidationProblem, ProblemHttpResult>> ListVersionsAsync(
        string name, RunStore runs, CorpusVersionCatalog catalog, CancellationToken cancellationToken)
    {
        if (!CorpusName.IsValid(name))
        {
            return InvalidName();
        }
        if (await runs.GetCorpusAsync(name) is null)
        {
            return CorpusNotFound(name);
        }
        return TypedResults.Ok(await catalog.ListAsync(name, cancellationToken));
    }

    public static async Task<Results<Ok<CorpusVersion>, ValidationProblem, ProblemHttpResult>> PromoteAsync(
        string name,
        string version,
        RunStore runs,
        CorpusVersionCatalog catalog,
        IVectorIndex index,
        ModelRegistry models,
        QueryEncoderCache encoders,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!CorpusName.IsValid(name))
        {
            return InvalidName();
        }
        if (await runs.GetCorpusAsync(name) is null)
        {
            return CorpusNotFound(name);
        }
        if (!IndexNames.IsValidModelVersion(version))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [$"1-{IndexNames.MaxModelVersionLength} characters from A-Z, a-z, 0-9, '.', '-' and '_', starting and ending with a letter or digit"] });
        }

        var versions = await index.ListVersionsAsync(name, cancellationToken);
        if (versions.FirstOrDefault(v => v.ModelVersion == version) is not { } target)
        {
            return TypedResults.Problem($"Corpus '{name}' has no version '{version}'.", statusCode: StatusCodes.Status404NotFound, title: "Version not found");
        }
        if (target.State != IndexVersionState.Ready)
        {
            return Conflict($"Version '{version}' of corpus '{name}' is {target.State}, not Ready: only a completely indexed version can go live.");
        }

        var live = versions.FirstOrDefault(v => v.IsLive);
        if (live?.ModelVersion != version)
        {
            try
            {
                // Load its encoder first: the first searches after the switch must not wait for it, and a version whose
                // model cannot be loaded must never become live.
                await encoders.GetAsync(name, version);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or InvalidDataException)
            {
                return Conflict($"Version '{version}' of corpus '{name}' cannot serve: its model does not load ({ex.Message}).");
            }

            try
            {
                await index.ActivateVersionAsync(name, version, cancellationToken);
            }
            catch (VectorIndexNotFoundException)
            {
                return TypedResults.Problem($"Corpus '{name}' has no version '{version}' any more.", statusCode: StatusCodes.Status404NotFound, title: "Version not found");
            }

            var reason = live is not null && IsOlder(target, live) ? RolledBackReason : PromotedReason;
            await models.RecordPromotionAsync(name, new PromotionReport(PromotionReport.Promoted, reason, version, live?.ModelVersion)
            {
                Manual = true,
                DecidedAt = clock.GetUtcNow(),
            });
            VersionsLog.Promoted(loggers.CreateLogger(typeof(VersionsApi).FullName!), name, version, reason, live?.ModelVersion);
        }

        return await catalog.FindAsync(name, version, cancellationToken) is { } entry
            ? TypedResults.Ok(entry)
            : TypedResults.Problem($"Corpus '{name}' has no version '{version}' any more.", statusCode: StatusCodes.Status404NotFound, title: "Version not found");
    }

    // Older = created earlier; versions without a creation time (old Qdrant collections) compare by name.
    private static bool IsOlder(IndexVersionInfo version, IndexVersionInfo than) =>
        version.CreatedUtc is { } a && than.CreatedUtc is { } b ? a < b : string.CompareOrdinal(version.ModelVersion, than.ModelVersion) < 0;

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Version not promotable");

    private static ValidationProblem InvalidName() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [CorpusName.Rule] });

    private static ProblemHttpResult CorpusNotFound(string name) =>
        TypedResults.Problem($"No corpus named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Corpus not found");
}
