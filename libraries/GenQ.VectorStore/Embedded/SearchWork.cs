namespace GenQ.VectorStore.Embedded;

/// <summary>One queued search: a unit-length query against one loaded collection, completed by a scan worker.</summary>
internal sealed class SearchWork(EmbeddedCollection collection, float[] unitQuery, int topK, int rescoreCandidates, CancellationToken cancellationToken,
    int graphEf = 0)
{
    public EmbeddedCollection Collection { get; } = collection;

    public float[] UnitQuery { get; } = unitQuery;

    public int TopK { get; } = topK;

    /// <summary>0: exact scan; otherwise the number of int8 candidates re-scored with float vectors.</summary>
    public int RescoreCandidates { get; } = rescoreCandidates;

    /// <summary>Above 0: search the collection's HNSW graph, if it has one, with this candidate list size.</summary>
    public int GraphEf { get; } = graphEf;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<IReadOnlyList<Model.VectorHit>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
