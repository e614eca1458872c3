using System.Text.Json;

namespace GenQ.Training.Modeling;

/// <summary>Hyper-parameters of a BERT encoder, named and defaulted like Hugging Face's <c>BertConfig</c>.</summary>
public sealed record BertConfig
{
    public int VocabSize { get; init; } = 30522;

    public int HiddenSize { get; init; } = 384;

    public int NumHiddenLayers { get; init; } = 6;

    public int NumAttentionHeads { get; init; } = 12;

    public int IntermediateSize { get; init; } = 1536;

    public int MaxPositionEmbeddings { get; init; } = 512;

    public int TypeVocabSize { get; init; } = 2;

    public double LayerNormEps { get; init; } = 1e-12;

    public double HiddenDropoutProb { get; init; } = 0.1;

    public double AttentionProbsDropoutProb { get; init; } = 0.1;

    /// <summary>The configuration of all-MiniLM-L6-v2 (6 layers, 384 hidden, 12 heads).</summary>
    public static BertConfig MiniLML6 { get; } = new();

    /// <summary>Reads a Hugging Face <c>config.json</c>; unknown keys are ignored, a non-BERT activation is rejected.</summary>
    public static BertConfig FromHuggingFaceJson(string path)
    {
        using var doc = ParseJson(path);
        var root = doc.RootElement;
        var defaults = new BertConfig();
        var act = root.TryGetProperty("hidden_act", out var a) ? a.GetString() : "gelu";
        if (act is not "gelu")
        {
            throw new InvalidDataException($"'{path}': hidden_act '{act}' is not supported (only exact 'gelu' as in BERT).");
        }

        return new BertConfig
        {
            VocabSize = Int(root, "vocab_size", defaults.VocabSize, path),
            HiddenSize = Int(root, "hidden_size", defaults.HiddenSize, path),
            NumHiddenLayers = Int(root, "num_hidden_layers", defaults.NumHiddenLayers, path),
            NumAttentionHeads = Int(root, "num_attention_heads", defaults.NumAttentionHeads, path),
            IntermediateSize = Int(root, "intermediate_size", defaults.IntermediateSize, path),
            MaxPositionEmbeddings = Int(root, "max_position_embeddings", defaults.MaxPositionEmbeddings, path),
            TypeVocabSize = Int(root, "type_vocab_size", defaults.TypeVocabSize, path),
            LayerNormEps = root.TryGetProperty("layer_norm_eps", out var eps) ? eps.GetDouble() : defaults.LayerNormEps,
            HiddenDropoutProb = root.TryGetProperty("hidden_dropout_prob", out var hd) ? hd.GetDouble() : defaults.HiddenDropoutProb,
            AttentionProbsDropoutProb = root.TryGetProperty("attention_probs_dropout_prob", out var ad) ? ad.GetDouble() : defaults.AttentionProbsDropoutProb,
        }.Validated(path);
    }

    /// <summary>Checks the invariants the model code relies on; <paramref name="source"/> names the origin in errors.</summary>
    public BertConfig Validated(string source)
    {
        if (HiddenSize <= 0 || NumAttentionHeads <= 0 || HiddenSize % NumAttentionHeads != 0)
        {
            throw new InvalidDataException($"{source}: hidden_size {HiddenSize} must be a positive multiple of num_attention_heads {NumAttentionHeads}.");
        }

        if (VocabSize <= 0 || NumHiddenLayers <= 0 || IntermediateSize <= 0 || MaxPositionEmbeddings <= 0 || TypeVocabSize <= 0)
        {
            throw new InvalidDataException($"{source}: vocab_size, num_hidden_layers, intermediate_size, max_position_embeddings and type_vocab_size must be positive.");
        }

        return this;
    }

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
    }

    private static int Int(JsonElement root, string name, int fallback, string path)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new InvalidDataException($"'{path}': field '{name}' must be an integer.");
    }
}
