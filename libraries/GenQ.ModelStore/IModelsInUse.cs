namespace GenQ.ModelStore;

/// <summary>
/// The versions of a corpus a service must keep (what it serves now, e.g. the index's live version): the local cache
/// never evicts them and the store's retention never deletes them. Services register their own; the default keeps none.
/// </summary>
public interface IModelsInUse
{
    Task<IReadOnlyCollection<string>> GetAsync(string corpus, CancellationToken cancellationToken);
}
