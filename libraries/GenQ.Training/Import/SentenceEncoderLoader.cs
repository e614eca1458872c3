using GenQ.Embeddings.Models;
using GenQ.Embeddings.Tokenization;
using GenQ.Training.Modeling;
using static TorchSharp.torch;

namespace GenQ.Training.Import;

/// <summary>Builds a trainable <see cref="SentenceEncoderModel"/> from a base model on disk.</summary>
public static class SentenceEncoderLoader
{
    /// <summary>
    /// From a GenQ model folder (model.onnx + vocab.txt + manifest.json), e.g. the base all-MiniLM-L6-v2 or an earlier
    /// fine-tuned version: weights are imported from the ONNX initializers.
    /// </summary>
    /// <param name="adjust">Changes settings that are not in the weights (e.g. dropout) before the model is built.</param>
    public static SentenceEncoderModel FromModelFolder(ModelFolder folder, int? numAttentionHeads = null, Func<BertConfig, BertConfig>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var onnx = OnnxWeightImporter.ReadModel(folder.ModelPath);
        var state = OnnxWeightImporter.ReadStateDict(onnx, folder.ModelPath);
        try
        {
            var inferred = OnnxWeightImporter.InferConfig(onnx, state, folder.ModelPath, numAttentionHeads);
            var config = adjust is null ? inferred : adjust(inferred).Validated(folder.ModelPath);
            if (config.HiddenSize != folder.Manifest.EmbeddingDimension)
            {
                throw new InvalidDataException(
                    $"Base model mismatch: '{folder.ManifestPath}' says embeddingDimension {folder.Manifest.EmbeddingDimension}, '{folder.ModelPath}' has hidden size {config.HiddenSize}.");
            }

            var tokenizer = BertWordPieceTokenizer.Create(folder.VocabPath, folder.Manifest.LowerCase);
            var model = new SentenceEncoderModel(config, tokenizer);
            StateDictLoader.Load(model.Bert, state, folder.ModelPath);
            return model;
        }
        finally
        {
            foreach (var t in state.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>
    /// From a Hugging Face / sentence-transformers BERT checkpoint folder: <c>model.safetensors</c> + <c>config.json</c> +
    /// <c>vocab.txt</c>. Keys may carry a <c>bert.</c> prefix; the pooler is ignored.
    /// </summary>
    public static SentenceEncoderModel FromHuggingFace(string directory, bool lowerCase = true)
    {
        var config = BertConfig.FromHuggingFaceJson(RequireFile(directory, "config.json"));
        var tokenizer = BertWordPieceTokenizer.Create(RequireFile(directory, "vocab.txt"), lowerCase);
        var weightsPath = RequireFile(directory, "model.safetensors");
        var state = SafetensorsReader.Read(weightsPath);
        try
        {
            var normalized = state.ToDictionary(
                kv => kv.Key.StartsWith("bert.", StringComparison.Ordinal) ? kv.Key["bert.".Length..] : kv.Key,
                kv => kv.Value,
                StringComparer.Ordinal);
            var model = new SentenceEncoderModel(config, tokenizer);
            StateDictLoader.Load(model.Bert, normalized, weightsPath);
            return model;
        }
        finally
        {
            foreach (var t in state.Values)
            {
                t.Dispose();
            }
        }
    }

    private static string RequireFile(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Base model folder '{directory}' has no '{name}'.", path);
    }
}
