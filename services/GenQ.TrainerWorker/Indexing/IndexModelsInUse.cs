using GenQ.ModelStore;
using GenQ.VectorStore;

namespace GenQ.TrainerWorker.Indexing;

/// <summary>
/// The live and previous (rollback) versions of a corpus in the index: the model store's retention never deletes
/// them, however many newer versions were put. (The search API has the same rule for its cache: see its own copy;
/// GenQ.ModelStore does not know the index, so each service that has one says what it serves.)
/// </summary>
public sealed class IndexModelsInUse(IVectorIndex index) : IModelsInUse
{
    public async Task<IReadOnlyCollection<string>> GetAsync(string corpus, CancellationToken cancellationToken) =>
        (await index.ListVersionsAsync(corpus, cancellationToken).ConfigureAwait(false))
            .Where(v => v.IsLive || v.IsPrevious).Select(v => v.ModelVersion).ToList();
}
