using GenQ.Runs;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.SearchApi.Search;

/// <summary>
/// Whether a request may pin a model version: it must be published in the index (live, previous or not yet pruned) and
/// its model registered, or the query could not be embedded with the model the vectors were made with.
/// </summary>
public sealed class SearchableVersions(IVectorIndex index, ModelRegistry models)
{
    public async Task<bool> ContainsAsync(string corpus, string version, CancellationToken cancellationToken)
    {
        var versions = await index.ListVersionsAsync(corpus, cancellationToken);
        return versions.Any(v => v.ModelVersion == version && v.State == IndexVersionState.Ready)
            && await models.FindAsync(corpus, version) is not null;
    }
}
