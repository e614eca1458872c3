using GenQ.Training.Losses;
using GenQ.Training.Modeling;
using static TorchSharp.torch;

namespace GenQ.Training;

/// <summary>
/// The loss of one batch for the configured <see cref="TrainingMethod"/>: tokenizes the batch's columns and calls
/// <see cref="MultipleNegativesRankingLoss"/> (GenQ) or <see cref="MarginMseLoss"/> (GPL).
/// </summary>
internal sealed class TrainingObjective(SentenceEncoderModel model, TrainingOptions options, bool useNegatives)
{
    private readonly MultipleNegativesRankingLoss _mnrl = new(model, options.Loss);
    private readonly MarginMseLoss _marginMse = new(model, options.MarginMse);

    /// <summary>Tokenizes <paramref name="batch"/> on <paramref name="device"/>; call inside the step's dispose scope.</summary>
    public BatchInputs Tokenize(TrainingPair[] batch, Device device) => new(
        model.Tokenize(batch.Select(p => p.Query).ToArray(), options.MaxQueryLength, device),
        model.Tokenize(batch.Select(p => p.Passage).ToArray(), options.MaxPassageLength, device),
        useNegatives ? model.Tokenize(batch.Select(p => p.HardNegative!).ToArray(), options.MaxPassageLength, device) : null,
        options.Method == TrainingMethod.MarginMse
            ? tensor(batch.Select(p => (float)p.TeacherMargin!.Value).ToArray(), device: device) // (batch)
            : null);

    /// <summary>The scalar loss of the tokenized batch.</summary>
    public Tensor Forward(BatchInputs inputs) => options.Method == TrainingMethod.MarginMse
        ? _marginMse.Forward(inputs.Queries, inputs.Passages, inputs.Negatives!, inputs.TeacherMargins!)
        : _mnrl.Forward(inputs.Queries, inputs.Passages, inputs.Negatives);

    /// <summary>The tensors of one batch: (batch, seq) token features per column, (batch) teacher margins for GPL.</summary>
    internal sealed record BatchInputs(EncoderFeatures Queries, EncoderFeatures Passages, EncoderFeatures? Negatives, Tensor? TeacherMargins);
}
