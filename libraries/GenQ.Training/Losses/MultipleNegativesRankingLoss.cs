using GenQ.Training.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Losses;

/// <summary>
/// In-batch-negatives ranking loss of GenQ / sentence-transformers: for each query, its passage must score above every
/// other passage of the batch (and every hard negative). Scores are cosine similarities × scale; the target of row i is
/// column i. <see cref="Forward"/> embeds, <see cref="ComputeLossFromEmbeddings"/> does the arithmetic.
/// </summary>
public sealed class MultipleNegativesRankingLoss(SentenceEncoderModel model, MultipleNegativesRankingLossOptions? options = null)
{
    public MultipleNegativesRankingLossOptions Options { get; } = options ?? new MultipleNegativesRankingLossOptions();

    /// <summary>Embeds the batch columns (queries, passages[, hard negatives]) and returns the scalar loss.</summary>
    public Tensor Forward(EncoderFeatures queries, EncoderFeatures passages, EncoderFeatures? hardNegatives = null)
    {
        using var scope = NewDisposeScope();
        var anchors = model.forward(queries).SentenceEmbedding!;                     // (batch, dim)
        var positives = model.forward(passages).SentenceEmbedding!;                  // (batch, dim)
        var negatives = hardNegatives is null ? null : model.forward(hardNegatives).SentenceEmbedding!; // (batch, dim)
        return ComputeLossFromEmbeddings(anchors, positives, negatives).MoveToOuterDisposeScope();
    }

    /// <param name="anchors">(batch, dim) query embeddings</param>
    /// <param name="positives">(batch, dim) passage embeddings; row i belongs to anchor i</param>
    /// <param name="hardNegatives">(batch, dim) optional extra candidates, negatives for every anchor</param>
    public Tensor ComputeLossFromEmbeddings(Tensor anchors, Tensor positives, Tensor? hardNegatives = null)
    {
        using var scope = NewDisposeScope();
        var batch = anchors.shape[0];
        var candidates = hardNegatives is null ? positives : cat([positives, hardNegatives], 0); // (batch or 2*batch, dim)
        var scores = CosineSimilarity(anchors, candidates) * Options.Scale;                        // (batch, candidates)
        var labels = arange(batch, dtype: ScalarType.Int64, device: anchors.device);              // (batch)
        var loss = nn.functional.cross_entropy(scores, labels);                                   // ()
        if (Options.Symmetric)
        {
            var backward = CosineSimilarity(positives, anchors) * Options.Scale;                    // (batch, batch)
            loss = (loss + nn.functional.cross_entropy(backward, labels)) / 2.0;
        }

        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>Pairwise cosine similarity (a: (n, dim), b: (m, dim)) → (n, m), as sentence-transformers' cos_sim.</summary>
    public static Tensor CosineSimilarity(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var an = nn.functional.normalize(a, p: 2, dim: 1); // (n, dim)
        var bn = nn.functional.normalize(b, p: 2, dim: 1); // (m, dim)
        return an.matmul(bn.t()).MoveToOuterDisposeScope(); // (n, m)
    }
}
