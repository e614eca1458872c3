namespace GenQ.ModelStore;

/// <summary>Where model versions are kept for the services that need them (<c>ModelStore:Kind</c>).</summary>
public enum ModelStoreKind
{
    /// <summary>One folder every service reads by path (one machine, or a shared volume): the behaviour before issue 19.</summary>
    Local,

    /// <summary>Files content-addressed in Redis; each service fetches, verifies and caches the versions it needs.</summary>
    Redis,
}
