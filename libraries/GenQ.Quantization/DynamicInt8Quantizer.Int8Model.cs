using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Quantization.Onnx;

namespace GenQ.Quantization;

public static partial class DynamicInt8Quantizer
{
    /// <summary>
    /// Writes <c>model.int8.onnx</c> (<see cref="EncoderModelFiles.Int8ModelFileName"/>) next to <c>model.onnx</c> in the
    /// model folder at <paramref name="modelFolderPath"/>, so <c>OnnxSentenceEncoder</c> with
    /// <c>Precision = Int8</c> (or <c>Int8WhenPresent</c>) runs it. Call it after a training export and for the base model.
    /// The file appears complete or not at all. An existing int8 file is kept unless <paramref name="overwrite"/>.
    /// </summary>
    /// <returns>The path of the int8 file.</returns>
    /// <exception cref="InvalidDataException">model.onnx is not a BERT sentence encoder, is already quantised, or is corrupt.</exception>
    public static string WriteInt8Model(string modelFolderPath, DynamicQuantizationOptions? options = null, bool overwrite = false)
        => WriteInt8Model(ModelFolder.Open(modelFolderPath), options, overwrite);

    /// <inheritdoc cref="WriteInt8Model(string, DynamicQuantizationOptions?, bool)"/>
    public static string WriteInt8Model(ModelFolder folder, DynamicQuantizationOptions? options = null, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new DynamicQuantizationOptions();
        options.Validate();
        var destination = EncoderModelFiles.Int8ModelPath(folder);
        if (!overwrite && File.Exists(destination))
        {
            return destination;
        }

        if (folder.Manifest.IsQuantized)
        {
            throw new InvalidDataException($"'{folder.ManifestPath}' describes a model that is already quantised (its manifest has a quantization section).");
        }

        var model = OnnxModelFile.Read(folder.ModelPath);
        OnnxModelFile.CheckSentenceEncoder(model, folder.ModelPath);
        GraphQuantizer.Quantize(model, options, folder.ModelPath);
        OnnxModelFile.Write(model, destination); // temp file + rename
        return destination;
    }
}
