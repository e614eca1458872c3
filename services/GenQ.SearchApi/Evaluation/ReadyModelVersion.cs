using GenQ.Embeddings.Models;
using GenQ.SearchApi.Search;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.SearchApi.Evaluation;

/// <summary>
/// A ready index version of a corpus with its model's manifest. A manifest with training settings is a GenQ fine-tune
/// ("adapted"); any other is the base model the run indexed first ("zero-shot").
/// </summary>
public sealed record ReadyModelVersion(IndexVersionInfo Index, ModelManifest Manifest)
{
    public bool Adapted => Manifest.TrainingSettings is not null;

    public string ModelVersion => Index.ModelVersion;

    /// <summary>The corpus' ready versions, oldest first, each with its encoder's manifest.</summary>
    public static async Task<IReadOnlyList<ReadyModelVersion>> ListAsync(
        IVectorIndex index, IQueryEncoderSource encoders, string corpus, CancellationToken cancellationToken)
    {
        var versions = (await index.ListVersionsAsync(corpus, cancellationToken))
            .Where(v => v.State == IndexVersionState.Ready)
            .OrderBy(v => v.ModelVersion, StringComparer.Ordinal)
            .ToList();
        var ready = new List<ReadyModelVersion>(versions.Count);
        foreach (var version in versions)
        {
            ready.Add(new ReadyModelVersion(version, (await encoders.GetAsync(corpus, version.ModelVersion)).Manifest));
        }
        return ready;
    }
}
