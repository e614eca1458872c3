using GenQ.Contracts.Corpora;
using System.Globalization;
using GenQ.Contracts.Runs;
using GenQ.Embeddings.Models;
using GenQ.Hybrid.Fusion;
using GenQ.ModelStore;
using GenQ.Runs;
using GenQ.SearchApi.Model;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.SearchApi.Versions;

/// <summary>
/// Every index version of a corpus joined with what is known about its model: its manifest (through the model store), the
/// run that trained it (generator) and the latest promotion decision (an operator's overrides the gate's).
/// </summary>
public sealed class CorpusVersionCatalog(IVectorIndex index, ModelRegistry models, IModelStore store, RunStore runs)
{
    /// <summary>Training method of a fine-tune whose manifest does not name one: the loss GenQ trained with first.</summary>
    public const string DefaultMethod = "mnrl";

    /// <summary>The corpus' versions, oldest first (by creation, then name).</summary>
    public async Task<IReadOnlyList<CorpusVersion>> ListAsync(string corpus, CancellationToken cancellationToken)
    {
        var versions = await index.ListVersionsAsync(corpus, cancellationToken);
        var registered = await models.ListAsync(corpus);
        var manual = await models.GetPromotionsAsync(corpus);
        var list = new List<CorpusVersion>(versions.Count);
        foreach (var version in versions.OrderBy(v => v.CreatedUtc ?? DateTimeOffset.MinValue).ThenBy(v => v.ModelVersion, StringComparer.Ordinal))
        {
            var manifest = registered.ContainsKey(version.ModelVersion)
                ? await ModelManifests.TryReadAsync(store, corpus, version.ModelVersion, cancellationToken)
                : null;
            list.Add(await DescribeAsync(version, manifest, manual.GetValueOrDefault(version.ModelVersion)));
        }
        return list;
    }

    /// <summary>One version, or null when the index has no version of that name.</summary>
    public async Task<CorpusVersion?> FindAsync(string corpus, string modelVersion, CancellationToken cancellationToken) =>
        (await ListAsync(corpus, cancellationToken)).FirstOrDefault(v => v.Version == modelVersion);

    private async Task<CorpusVersion> DescribeAsync(IndexVersionInfo version, ModelManifest? manifest, PromotionReport? manual)
    {
        var trained = manifest?.TrainingSettings is not null;
        var generator = trained && manifest!.RunId is { } runId ? (await runs.GetAsync(runId))?.Generator : null;
        var pairs = manifest?.Metrics?.TryGetValue("pairs", out var p) == true ? (int?)p : null;
        return new CorpusVersion(
            version.ModelVersion,
            version.State.ToString(),
            version.IsLive,
            version.IsPrevious,
            version.PointCount,
            version.CreatedUtc,
            manifest is null ? "unknown" : trained ? "trained" : "base",
            trained ? manifest!.TrainingSettings!.GetValueOrDefault("method", DefaultMethod) : null,
            generator,
            pairs,
            FusionOf(manifest),
            manual ?? manifest?.Promotion);
    }

    private static string FusionOf(ModelManifest? manifest)
    {
        try
        {
            return (manifest?.Hybrid).ToFusionSettingsOrDefault().ToString();
        }
        catch (InvalidDataException ex)
        {
            return string.Create(CultureInfo.InvariantCulture, $"invalid ({ex.Message})"); // shown, not fatal: the list stays usable
        }
    }
}
