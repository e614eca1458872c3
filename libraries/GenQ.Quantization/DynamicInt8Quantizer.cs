using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using GenQ.Embeddings.Models;
using GenQ.Quantization.Onnx;
using GenQ.Quantization.Weights;

namespace GenQ.Quantization;

/// <summary>
/// ONNX Runtime-style dynamic int8 quantisation of a BERT sentence-encoder model folder, done in C#: every MatMul with
/// a constant weight becomes <c>com.microsoft.DynamicQuantizeMatMul</c> (int8 weights, activations quantised per call),
/// large embedding tables are stored as int8 with per-row scales. The result is an ordinary model folder
/// (model.onnx + vocab.txt + manifest.json, plus quantization.json) that <c>OnnxSentenceEncoder</c> loads unchanged.
/// </summary>
public static partial class DynamicInt8Quantizer
{
    public const string Method = "dynamic-int8";

    /// <summary>Appended to the source manifest's version, e.g. <c>base</c> → <c>base-int8</c>.</summary>
    public const string VersionSuffix = "-int8";

    /// <summary>Opens the model folder at <paramref name="sourceFolder"/> (clear error when it or one of its files is missing) and quantises it.</summary>
    public static ModelFolder QuantizeDynamicInt8(string sourceFolder, string destinationFolder, DynamicQuantizationOptions? options = null)
        => QuantizeDynamicInt8(ModelFolder.Open(sourceFolder), destinationFolder, options);

    /// <summary>
    /// Writes the quantised copy of <paramref name="source"/> to <paramref name="destinationFolder"/> (which must not
    /// exist or be empty) and returns it. The folder appears complete or not at all (built under a temporary name).
    /// </summary>
    /// <exception cref="InvalidDataException">The source is not a BERT sentence encoder, is already quantised, or is corrupt.</exception>
    /// <exception cref="IOException">The destination exists and is not empty.</exception>
    public static ModelFolder QuantizeDynamicInt8(ModelFolder source, string destinationFolder, DynamicQuantizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationFolder);
        options ??= new DynamicQuantizationOptions();
        options.Validate();
        if (source.Manifest.IsQuantized)
        {
            throw new InvalidDataException($"'{source.ManifestPath}' describes a model that is already quantised (its manifest has a quantization section).");
        }

        foreach (var file in new[] { source.ModelPath, source.VocabPath })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"Model folder '{source.Path}' has no '{Path.GetFileName(file)}'.", file);
            }
        }

        var destination = Path.GetFullPath(destinationFolder);
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
        {
            throw new IOException($"Destination folder '{destination}' already exists and is not empty.");
        }

        var model = OnnxModelFile.Read(source.ModelPath);
        OnnxModelFile.CheckSentenceEncoder(model, source.ModelPath);
        var counts = GraphQuantizer.Quantize(model, options, source.ModelPath);

        var parent = Path.GetDirectoryName(destination) ?? throw new IOException($"'{destination}' has no parent folder.");
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, "." + Path.GetFileName(destination) + ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            var bytes = OnnxModelFile.Write(model, Path.Combine(temp, ModelFolder.ModelFileName));
            File.Copy(source.VocabPath, Path.Combine(temp, ModelFolder.VocabFileName));
            var info = Describe(source, options, counts, bytes);
            WriteInfo(temp, info);
            ModelFolder.WriteManifest(temp, ManifestFor(source, info));
            if (Directory.Exists(destination))
            {
                Directory.Delete(destination); // empty (checked above); Directory.Move needs the name free
            }

            Directory.Move(temp, destination);
            return ModelFolder.Open(destination);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static QuantizationInfo Describe(ModelFolder source, DynamicQuantizationOptions options, QuantizationCounts counts, long bytes)
    {
        var range = options.ReduceRange ? SymmetricInt8.ReducedRange : SymmetricInt8.FullRange;
        return new QuantizationInfo
        {
            Method = Method,
            Operator = GraphQuantizer.MicrosoftDomain + "." + MatMulRewriter.OpType,
            WeightScheme = $"symmetric int8, {(options.PerColumn ? "per-column" : "per-tensor")} scales, range ±{range}; activations uint8 per call (ONNX Runtime)",
            EmbeddingScheme = counts.EmbeddingTablesQuantized > 0
                ? $"int8, per-row scales, range ±{range} (tables of at least {options.MinimumEmbeddingElements} elements)"
                : "float32 (not quantised)",
            SourcePath = source.Path,
            SourceModelName = source.Manifest.ModelName,
            SourceVersion = source.Manifest.Version,
            SourceModelSha256 = Sha256(source.ModelPath),
            SourceModelBytes = new FileInfo(source.ModelPath).Length,
            QuantizedModelBytes = bytes,
            MatMulsQuantized = counts.MatMulsQuantized,
            BiasesFolded = counts.BiasesFolded,
            MatMulsKeptFloat = counts.MatMulsKeptFloat,
            EmbeddingTablesQuantized = counts.EmbeddingTablesQuantized,
            CreatedUtc = DateTimeOffset.UtcNow,
        };
    }

    // The manifest keeps the source's training settings and says how it was quantised in its typed section; the full
    // record (operator counts, sizes) goes into quantization.json.
    private static ModelManifest ManifestFor(ModelFolder source, QuantizationInfo info) => source.Manifest with
    {
        Version = source.Manifest.Version + VersionSuffix,
        CreatedUtc = info.CreatedUtc,
        Quantization = new ModelQuantization(info.Method, info.SourcePath, info.SourceVersion, info.SourceModelSha256, info.WeightScheme),
    };

    private static void WriteInfo(string folder, QuantizationInfo info)
    {
        using var stream = File.Create(Path.Combine(folder, QuantizationInfo.FileName));
        JsonSerializer.Serialize(stream, info, QuantizationJsonContext.Default.QuantizationInfo);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLower(CultureInfo.InvariantCulture);
    }
}
