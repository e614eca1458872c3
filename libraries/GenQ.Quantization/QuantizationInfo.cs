using System.Text.Json;

namespace GenQ.Quantization;

/// <summary>
/// <c>quantization.json</c> beside a quantised model's manifest: how it was made and from which source folder/file.
/// The folder's <c>manifest.json</c> says the same in short (version suffix <c>-int8</c>, <c>training.quantization*</c> keys).
/// </summary>
public sealed record QuantizationInfo
{
    public const string FileName = "quantization.json";

    /// <summary>Always <c>dynamic-int8</c> for now.</summary>
    public required string Method { get; init; }

    /// <summary>The op the weight matrices now run through: <c>com.microsoft.DynamicQuantizeMatMul</c>.</summary>
    public required string Operator { get; init; }

    /// <summary>E.g. <c>symmetric int8, per-column scales, range ±127</c>.</summary>
    public required string WeightScheme { get; init; }

    /// <summary>E.g. <c>int8, per-row scales</c>, or <c>float32 (not quantised)</c>.</summary>
    public required string EmbeddingScheme { get; init; }

    public required string SourcePath { get; init; }

    public required string SourceModelName { get; init; }

    public required string SourceVersion { get; init; }

    /// <summary>SHA-256 of the source <c>model.onnx</c> (hex), so the pair can be matched later.</summary>
    public required string SourceModelSha256 { get; init; }

    public required long SourceModelBytes { get; init; }

    public required long QuantizedModelBytes { get; init; }

    public required int MatMulsQuantized { get; init; }

    public required int BiasesFolded { get; init; }

    /// <summary>MatMuls whose both operands are activations (attention scores and context); they stay float.</summary>
    public required int MatMulsKeptFloat { get; init; }

    public required int EmbeddingTablesQuantized { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Reads <c>quantization.json</c> of a model folder; throws naming the file when it is missing or invalid.</summary>
    public static QuantizationInfo Read(string modelFolderPath)
    {
        var path = Path.Combine(modelFolderPath, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{modelFolderPath}' has no '{FileName}': it is not a quantised model folder.", path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, QuantizationJsonContext.Default.QuantizationInfo)
                ?? throw new InvalidDataException($"'{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON (line {ex.LineNumber + 1}, path {ex.Path}): {ex.Message}", ex);
        }
    }
}
