namespace GenQ.WebApp.Services;

/// <summary>
/// Asks the same query of the corpus' zero-shot base model and of its live (adapted) model, each pinned by version.
/// The base model of a run is indexed as <c>base-{run id}</c> at upload and kept for rollback once the adapted version
/// goes live, so the latest run's base version is the zero-shot side.
/// </summary>
public sealed class CompareService(CorpusClient corpora, SearchClient search)
{
    public const string BaseVersionPrefix = "base-";

    public async Task<ApiResult<Comparison>> CompareAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var corpus = await corpora.GetAsync(query.Corpus, cancellationToken);
        if (corpus.Problem is not null)
        {
            return ApiResult<Comparison>.Failure(corpus.Problem);
        }
        var summary = corpus.Value!;
        if (summary.ActiveModelVersion is not { } live || summary.LatestRunId is not { } runId)
        {
            return ApiResult<Comparison>.Failure(new ApiProblem("Nothing to compare yet",
                $"Corpus '{query.Corpus}' has no live index version yet: its first indexing is still running.", null, new Dictionary<string, string[]>()));
        }
        var zeroShotVersion = BaseVersionPrefix + runId;
        var note = live.StartsWith(BaseVersionPrefix, StringComparison.Ordinal)
            ? "The live model is the zero-shot base model (no adapted model is live yet: training is not finished, or the promotion gate kept the base model), so both columns show the same model."
            : null;

        var zeroShotTask = search.SearchAsync(query, zeroShotVersion, cancellationToken);
        var liveResult = await search.SearchAsync(query, live, cancellationToken);
        var zeroShot = await zeroShotTask;
        if (zeroShot.Problem?.Status == 404 && liveResult.Problem is null)
        {
            note = $"The zero-shot index version {zeroShotVersion} is no longer kept (only the live and the previous version are).";
        }
        return ApiResult<Comparison>.Success(new Comparison(zeroShot, liveResult, note));
    }
}
