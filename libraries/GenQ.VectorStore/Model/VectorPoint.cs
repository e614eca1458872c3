namespace GenQ.VectorStore.Model;

/// <summary>One passage and its embedding, as indexing (the trainer worker's IndexModelHandler) hands it to <see cref="IVectorIndex.UpsertAsync"/>.</summary>
/// <param name="PassageId">Stable passage id (the point id is derived from it, see <see cref="Naming.PointIds"/>).</param>
/// <param name="Title">Passage title, returned with hits (may be empty).</param>
/// <param name="Text">Passage text, returned with hits.</param>
/// <param name="Vector">Embedding; length must equal the version's dimensions. It need not be normalised.</param>
public sealed record VectorPoint(string PassageId, string Title, string Text, ReadOnlyMemory<float> Vector);
