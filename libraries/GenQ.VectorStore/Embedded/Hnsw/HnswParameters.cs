namespace GenQ.VectorStore.Embedded.Hnsw;

/// <summary>
/// Build parameters of a hierarchical navigable small world graph (Malkov and Yashunin, 2016).
/// </summary>
/// <param name="M">Links per node on the upper layers; the bottom layer keeps up to 2 x M (more links, better recall).</param>
/// <param name="EfConstruction">Candidate list size while inserting: larger builds slower and links better.</param>
/// <param name="Seed">Seed of the layer draw, so the same vectors in the same order always give the same graph.</param>
internal sealed record HnswParameters(int M, int EfConstruction, int Seed = 42)
{
    public int MaxLinksBottom => 2 * M;
}
