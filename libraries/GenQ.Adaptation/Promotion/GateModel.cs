using GenQ.Embeddings;
using GenQ.Hybrid.Fusion;

namespace GenQ.Adaptation.Promotion;

/// <summary>One side of a promotion decision: a model version, its encoder and the fusion hybrid search serves it with.</summary>
/// <param name="CorpusVectors">The served corpus embedded by <paramref name="Encoder"/>, in corpus order, when the caller has it (saves re-encoding).</param>
public sealed record GateModel(string Version, ISentenceEncoder Encoder, FusionSettings Fusion, float[][]? CorpusVectors = null);
