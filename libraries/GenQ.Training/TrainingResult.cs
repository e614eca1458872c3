using GenQ.Embeddings.Models;

namespace GenQ.Training;

/// <summary>What a finished fine-tune produced.</summary>
public sealed record TrainingResult(
    ModelFolder Model,
    int Steps,
    double FinalLoss,
    double PairsPerSecond,
    TimeSpan Duration,
    int ResumedFromStep)
{
    /// <summary>Path of the exported, versioned model folder (model.onnx + vocab.txt + manifest.json).</summary>
    public string ModelPath => Model.Path;
}
