using GenQ.Embeddings.Models;

namespace GenQ.Embeddings.Inference;

/// <summary>The ONNX files a model folder may hold for <see cref="OnnxSentenceEncoder"/>, by precision.</summary>
public static class EncoderModelFiles
{
    /// <summary>The dynamically quantised int8 copy of <see cref="ModelFolder.ModelFileName"/>, in the same folder.</summary>
    public const string Int8ModelFileName = "model.int8.onnx";

    public static string Int8ModelPath(ModelFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Path.Combine(folder.Path, Int8ModelFileName);
    }

    /// <summary>The file to load for <paramref name="precision"/>.</summary>
    /// <exception cref="FileNotFoundException"><see cref="EncoderPrecision.Int8"/> and the folder has no int8 file.</exception>
    public static string Resolve(ModelFolder folder, EncoderPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var int8 = Int8ModelPath(folder);
        return precision switch
        {
            EncoderPrecision.Fp32 => folder.ModelPath,
            EncoderPrecision.Int8 => File.Exists(int8)
                ? int8
                : throw new FileNotFoundException(
                    $"Model folder '{folder.Path}' has no '{Int8ModelFileName}' (Precision = Int8). Create it with GenQ.Quantization's " +
                    "DynamicInt8Quantizer.WriteInt8Model(folder), or use Precision = Fp32 / Int8WhenPresent.", int8),
            EncoderPrecision.Int8WhenPresent => File.Exists(int8) ? int8 : folder.ModelPath,
            _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
        };
    }
}
