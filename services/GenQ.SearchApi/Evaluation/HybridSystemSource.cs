using GenQ.Hybrid;
using GenQ.Hybrid.Fusion;
using GenQ.ModelStore;
using GenQ.SearchApi.Search;
using GenQ.VectorStore;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// One hybrid row per ready index version: that version's dense ranking fused with BM25 using the fusion tuned for its
/// model (from the manifest), or reciprocal-rank fusion for a model that was never tuned (the base model) — exactly
/// what <c>mode=hybrid</c> serves. Superseded versions only when asked (see <see cref="ReadyModelVersion"/>).
/// </summary>
public sealed class HybridSystemSource(IVectorIndex index, IModelStore store, SearchService search) : IEvaluationSystemSource
{
    public string Mode => SearchMode.Hybrid.Name();

    public async Task<IReadOnlyList<EvaluationSystem>> GetSystemsAsync(string corpus, bool allVersions, CancellationToken cancellationToken)
    {
        var systems = new List<EvaluationSystem>();
        foreach (var version in await ReadyModelVersion.ListAsync(index, store, corpus, allVersions, cancellationToken))
        {
            var manifest = version.Manifest;
            var adapted = version.Adapted;
            var fusion = manifest.Hybrid.ToFusionSettingsOrDefault();
            var modelVersion = version.ModelVersion;
            systems.Add(new EvaluationSystem(Mode, adapted ? "adapted+bm25" : "zero-shot+bm25", manifest.ModelName, async (query, ct) =>
                Bm25SystemSource.ToDocuments(await search.RankAsync(corpus, modelVersion, query, DenseVersionSystemSource.Depth, SearchMode.Hybrid, ct)))
            {
                ModelVersion = modelVersion,
                Settings = new Dictionary<string, string>
                {
                    ["fusion"] = fusion.ToString(),
                    ["tuned"] = manifest.Hybrid is { Tuned: true } ? "true" : "false",
                },
                Live = version.Index.IsLive,
            });
        }
        return systems.OrderBy(s => s.System.StartsWith("zero-shot", StringComparison.Ordinal) ? 0 : 1).ToList();
    }
}
