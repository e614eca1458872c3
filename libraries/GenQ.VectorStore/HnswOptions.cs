namespace GenQ.VectorStore;

/// <summary>
/// Approximate search of the embedded index (configuration section <c>VectorStoreOptions:Hnsw</c>): a published version
/// with at least <see cref="MinPoints"/> points gets an HNSW graph (built once at publish, stored as hnsw.bin next to its
/// segments) and is searched through it instead of a full scan. Smaller versions, and versions published without a
/// graph, are searched exactly. Embedded backend only: Qdrant builds and tunes its own HNSW index.
/// </summary>
public sealed class HnswOptions
{
    /// <summary>Build and use graphs. Off: every search is an exact scan.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Smallest version that gets a graph. Below it an exact scan costs well under a millisecond on one core (20,000
    /// x 384 floats), so a graph would only cost recall.
    /// </summary>
    public int MinPoints { get; set; } = 20_000;

    /// <summary>Links per node (the bottom layer keeps 2 x M). 16 suits 100-1000 dimensions.</summary>
    public int M { get; set; } = 16;

    /// <summary>Candidate list while building: higher builds slower and gives a better graph.</summary>
    public int EfConstruction { get; set; } = 100;

    /// <summary>Candidate list while searching (raised to top_k when smaller): higher is slower and finds more of the exact top k.</summary>
    public int EfSearch { get; set; } = 64;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        Check(MinPoints, 1, int.MaxValue, nameof(MinPoints));
        Check(M, 2, 127, nameof(M));
        Check(EfConstruction, 1, 10_000, nameof(EfConstruction));
        Check(EfSearch, 1, 10_000, nameof(EfSearch));
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new InvalidOperationException($"{nameof(VectorStoreOptions)}:Hnsw:{name} must be {min}-{max}, was {value}.");
        }
    }
}
