using GenQ.Embeddings.Models;
using GenQ.ModelStore;
using GenQ.SearchApi.Versions;
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

    /// <summary>
    /// The corpus' ready versions, oldest first, each with its manifest (read through the model store; the encoder is
    /// loaded only when searched): the live one and every base (zero-shot) one, and with <paramref name="allVersions"/>
    /// also the superseded fine-tunes. Versions without a registered, readable model are left out (they cannot search).
    /// </summary>
    public static async Task<IReadOnlyList<ReadyModelVersion>> ListAsync(
        IVectorIndex index, IModelStore store, string corpus, bool allVersions, CancellationToken cancellationToken)
    {
        var versions = (await index.ListVersionsAsync(corpus, cancellationToken))
            .Where(v => v.State == IndexVersionState.Ready)
            .OrderBy(v => v.ModelVersion, StringComparer.Ordinal)
            .ToList();
        var ready = new List<ReadyModelVersion>(versions.Count);
        foreach (var version in versions)
        {
            if (await ModelManifests.TryReadAsync(store, corpus, version.ModelVersion, cancellationToken) is { } manifest
                && (allVersions || version.IsLive || manifest.TrainingSettings is null))
            {
                ready.Add(new ReadyModelVersion(version, manifest));
            }
        }
        return ready;
    }
}
