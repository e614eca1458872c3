namespace GenQ.Contracts.Models;

/// <summary>
/// The versions of a corpus a service must keep (what it serves now, e.g. the index's live version): the model store's
/// local cache never evicts them and its retention never deletes them. It sits here, below both, because the store
/// (GenQ.ModelStore) consumes it and the index (GenQ.VectorStore, whose <c>IndexModelsInUse</c> answers it) knows what
/// is served, and neither references the other. The store's default keeps none.
/// </summary>
public interface IModelsInUse
{
    Task<IReadOnlyCollection<string>> GetAsync(string corpus, CancellationToken cancellationToken);
}
