using GenQ.ModelStore;
using GenQ.VectorStore;

namespace GenQ.SearchApi.Models;

/// <summary>
/// The live and previous (rollback) versions of a corpus in the index: this replica's model cache never evicts them.
/// The trainer worker has the same rule for the store's retention (its own copy: GenQ.ModelStore does not know the
/// index, so each service that serves one says what it serves).
/// </summary>
public sealed class IndexModelsInUse(IVectorIndex index) : IModelsInUse
{
    public async Task<IReadOnlyCollection<string>> GetAsync(string corpus, CancellationToken cancellationToken) =>
        (await index.ListVersionsAsync(corpus, cancellationToken).ConfigureAwait(false))
            .Where(v => v.IsLive || v.IsPrevious).Select(v => v.ModelVersion).ToList();
}
