using System.Text.Json;

namespace GenQ.Generation.Modeling;

/// <summary>
/// What generation needs from a model folder's config.json, with generation_config.json taking precedence for the
/// special ids (as Hugging Face <c>generate</c> does). Nothing here has a built-in default: a missing field is an error.
/// </summary>
public sealed record T5ModelConfig(
    int DecoderLayers,
    int NumHeads,
    int HeadDim,
    int DModel,
    int VocabSize,
    long PadTokenId,
    IReadOnlyList<long> EosTokenIds,
    long DecoderStartTokenId)
{
    public const string ConfigFile = "config.json";
    public const string GenerationConfigFile = "generation_config.json";

    public long EosTokenId => EosTokenIds[0];

    public static T5ModelConfig Load(string folder)
    {
        var configPath = Path.Combine(folder, ConfigFile);
        using var config = Parse(configPath);
        var root = config.RootElement;
        var generationPath = Path.Combine(folder, GenerationConfigFile);
        using var generation = File.Exists(generationPath) ? Parse(generationPath) : null;

        long Special(string field)
        {
            if (generation is not null && generation.RootElement.TryGetProperty(field, out var fromGeneration) && fromGeneration.ValueKind == JsonValueKind.Number)
            {
                return fromGeneration.GetInt64();
            }

            return RequireInt(root, field, configPath);
        }

        var eos = EosIds(generation?.RootElement, generationPath) ?? EosIds(root, configPath)
            ?? throw Missing(configPath, "eos_token_id");
        var layers = root.TryGetProperty("num_decoder_layers", out var decoderLayers) && decoderLayers.ValueKind == JsonValueKind.Number
            ? decoderLayers.GetInt32()
            : (int)RequireInt(root, "num_layers", configPath);
        return new T5ModelConfig(
            layers,
            (int)RequireInt(root, "num_heads", configPath),
            (int)RequireInt(root, "d_kv", configPath),
            (int)RequireInt(root, "d_model", configPath),
            (int)RequireInt(root, "vocab_size", configPath),
            Special("pad_token_id"),
            eos,
            Special("decoder_start_token_id"));
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static long[]? EosIds(JsonElement? element, string path)
    {
        if (element is not { } root || !root.TryGetProperty("eos_token_id", out var eos))
        {
            return null;
        }

        return eos.ValueKind switch
        {
            JsonValueKind.Number => [eos.GetInt64()],
            JsonValueKind.Array when eos.GetArrayLength() > 0 => eos.EnumerateArray().Select(e => e.GetInt64()).ToArray(),
            _ => throw new InvalidDataException($"'{path}': eos_token_id must be a number or a non-empty array of numbers."),
        };
    }

    private static long RequireInt(JsonElement root, string field, string path)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            throw Missing(path, field);
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw new InvalidDataException($"'{path}': field '{field}' must be an integer, found {value.ValueKind}.");
        }

        return number;
    }

    private static InvalidDataException Missing(string path, string field) =>
        new($"'{path}' lacks the required field '{field}'.");
}
