namespace GenQ.Lexical.Sparse;

/// <summary>A sparse vector as Qdrant takes it: distinct indices (ascending) and their values, same length.</summary>
public sealed record SparseVector(uint[] Indices, float[] Values)
{
    /// <summary>Number of non-zero entries.</summary>
    public int Count => Indices.Length;

    /// <summary>True when no term survived analysis (Qdrant accepts an empty sparse vector; it matches nothing).</summary>
    public bool IsEmpty => Indices.Length == 0;
}
