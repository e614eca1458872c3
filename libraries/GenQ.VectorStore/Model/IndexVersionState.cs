namespace GenQ.VectorStore.Model;

/// <summary>Lifecycle of one (corpus, model version) collection.</summary>
public enum IndexVersionState
{
    /// <summary>Created, receiving upserts; never visible through the corpus alias.</summary>
    Building,

    /// <summary>Published: complete and immutable; may be live, previous (rollback target) or awaiting pruning.</summary>
    Ready,
}
