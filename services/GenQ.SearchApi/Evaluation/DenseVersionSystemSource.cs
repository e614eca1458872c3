using System.Globalization;
using GenQ.Evaluation.Retrieval;
using GenQ.ModelStore;
using GenQ.Runs;
using GenQ.SearchApi.Search;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// One dense system per ready index version of the corpus, each searching its own version with that version's query
/// encoder. A version whose model manifest carries training settings is "adapted" (a GenQ fine-tune), any other is
/// "zero-shot" (the base model the run indexed first).
/// </summary>
public sealed class DenseVersionSystemSource(IVectorIndex index, QueryEncoderCache encoders, IModelStore store, RunStore runs) : IEvaluationSystemSource
{
    public const string DenseMode = "dense";
    public const int Depth = 100;

    public string Mode => DenseMode;

    public async Task<IReadOnlyList<EvaluationSystem>> GetSystemsAsync(string corpus, bool allVersions, CancellationToken cancellationToken)
    {
        var systems = new List<EvaluationSystem>();
        foreach (var ready in await ReadyModelVersion.ListAsync(index, store, corpus, allVersions, cancellationToken))
        {
            var (version, manifest, adapted) = (ready.Index, ready.Manifest, ready.Adapted);
            var generator = adapted && manifest.RunId is { } runId ? (await runs.GetAsync(runId))?.Generator : null;
            var pairs = manifest.Metrics?.TryGetValue("pairs", out var p) == true ? (int?)p : null;
            var seconds = manifest.Metrics?.TryGetValue("trainingSeconds", out var t) == true ? (double?)t : null;
            var modelVersion = version.ModelVersion;
            systems.Add(new EvaluationSystem(DenseMode, adapted ? "adapted" : "zero-shot", manifest.ModelName,
                (query, ct) => SearchAsync(corpus, modelVersion, query, ct))
            {
                ModelVersion = modelVersion,
                Generator = generator,
                TrainingPairs = pairs,
                TrainingSeconds = seconds,
                Settings = new Dictionary<string, string>
                {
                    ["passages"] = version.PointCount.ToString(CultureInfo.InvariantCulture),
                    ["index"] = index.Backend.Kind.ToString(),
                },
                Live = version.IsLive,
            });
        }
        // Zero-shot first, then the adapted versions oldest to newest: the table reads as "before, after".
        return systems.OrderBy(s => s.System == "zero-shot" ? 0 : 1).ToList();
    }

    private async Task<IReadOnlyList<ScoredDocument>> SearchAsync(string corpus, string modelVersion, string query, CancellationToken cancellationToken)
    {
        // Taken per query (a dictionary hit): the cache may unload an old encoder during a long evaluation.
        var encoder = await encoders.GetAsync(corpus, modelVersion);
        var vector = (await encoder.EncodeAsync([query], cancellationToken))[0];
        var result = await index.SearchAsync(new VectorSearchRequest(corpus, vector, Depth, modelVersion), cancellationToken);
        return result.Hits.Select(hit => new ScoredDocument(hit.PassageId, hit.Score)).ToList();
    }
}
