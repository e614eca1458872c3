using GenQ.Training.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Losses;

/// <summary>
/// GPL's loss (UKPLab GPL, sentence-transformers <c>MarginMSELoss</c>): for each (query, positive, negative) the
/// student margin sim(q, pos) − sim(q, neg) is regressed onto the teacher's margin by mean squared error. The student's
/// sim is cosine × <see cref="MarginMseLossOptions.Scale"/>, the similarity GenQ serves. <see cref="Forward"/> embeds,
/// <see cref="ComputeLossFromEmbeddings"/> does the arithmetic.
/// </summary>
public sealed class MarginMseLoss(SentenceEncoderModel model, MarginMseLossOptions? options = null)
{
    public MarginMseLossOptions Options { get; } = options ?? new MarginMseLossOptions();

    /// <summary>Embeds queries, positives and negatives and returns the scalar loss.</summary>
    /// <param name="teacherMargins">(batch) float32: teacher score(q, pos) − score(q, neg) on the student's similarity scale.</param>
    public Tensor Forward(EncoderFeatures queries, EncoderFeatures positives, EncoderFeatures negatives, Tensor teacherMargins)
    {
        using var scope = NewDisposeScope();
        var anchors = model.forward(queries).SentenceEmbedding!;       // (batch, dim)
        var positive = model.forward(positives).SentenceEmbedding!;    // (batch, dim)
        var negative = model.forward(negatives).SentenceEmbedding!;    // (batch, dim)
        return ComputeLossFromEmbeddings(anchors, positive, negative, teacherMargins).MoveToOuterDisposeScope();
    }

    /// <param name="anchors">(batch, dim) query embeddings</param>
    /// <param name="positives">(batch, dim) positive passage embeddings; row i belongs to anchor i</param>
    /// <param name="negatives">(batch, dim) hard negative embeddings; row i belongs to anchor i</param>
    /// <param name="teacherMargins">(batch) teacher margins</param>
    public Tensor ComputeLossFromEmbeddings(Tensor anchors, Tensor positives, Tensor negatives, Tensor teacherMargins)
    {
        if (anchors.shape[0] != positives.shape[0] || anchors.shape[0] != negatives.shape[0] || teacherMargins.shape is not [var n] || n != anchors.shape[0])
        {
            throw new ArgumentException(
                $"MarginMseLoss needs one positive, one negative and one teacher margin per anchor: anchors {anchors.shape[0]}, positives {positives.shape[0]}, negatives {negatives.shape[0]}, margins [{string.Join(", ", teacherMargins.shape)}].");
        }

        using var scope = NewDisposeScope();
        var positive = PairedCosine(anchors, positives) * Options.Scale;          // (batch)
        var negative = PairedCosine(anchors, negatives) * Options.Scale;          // (batch)
        var studentMargins = positive - negative;                                 // (batch)
        var target = teacherMargins.to(studentMargins.dtype, studentMargins.device); // (batch)
        return nn.functional.mse_loss(studentMargins, target).MoveToOuterDisposeScope(); // ()
    }

    /// <summary>Row-wise cosine similarity of (batch, dim) a and b → (batch).</summary>
    private static Tensor PairedCosine(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var an = nn.functional.normalize(a, p: 2, dim: 1); // (batch, dim)
        var bn = nn.functional.normalize(b, p: 2, dim: 1); // (batch, dim)
        return (an * bn).sum(1).MoveToOuterDisposeScope(); // (batch)
    }
}
