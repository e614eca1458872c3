namespace GenQ.VectorStore.Model;

/// <summary>Which implementation serves <see cref="IVectorIndex"/>.</summary>
public enum VectorIndexBackendKind
{
    /// <summary>In-process index persisted under a data directory (<c>EmbeddedVectorIndex</c>).</summary>
    Embedded,

    /// <summary>A Qdrant server over gRPC (<c>QdrantVectorIndex</c>).</summary>
    Qdrant,
}
