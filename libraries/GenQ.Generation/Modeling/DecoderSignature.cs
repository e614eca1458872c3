using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Modeling;

/// <summary>
/// The input and output names of one decoder graph, read from the session: the token ids, the encoder mask and
/// states, the per-layer past_key_values.{i}.{decoder|encoder}.{key|value} inputs, use_cache_branch, logits and the
/// present.{i}.* outputs. Layer count comes from the names found and must agree with config.json.
/// </summary>
internal sealed partial class DecoderSignature
{
    public required string File { get; init; }

    public required string InputIds { get; init; }

    public required string EncoderAttentionMask { get; init; }

    public string? EncoderHiddenStates { get; init; }

    public string? UseCacheBranch { get; init; }

    public required string Logits { get; init; }

    /// <summary>[layer] = (decoder key, decoder value, encoder key, encoder value); empty when the graph takes no past.</summary>
    public required KvNames[] Past { get; init; }

    /// <summary>[layer] present names; encoder entries are null when the graph does not return them.</summary>
    public required KvNames[] Present { get; init; }

    public bool TakesPast => Past.Length > 0;

    public static DecoderSignature Read(InferenceSession session, string file, int expectedLayers)
    {
        var inputs = session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        var outputs = session.OutputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        string Require(HashSet<string> names, string name, string kind) => names.Contains(name)
            ? name
            : throw new InvalidDataException($"'{file}' has no {kind} named '{name}' (found: {string.Join(", ", names.Take(8))}...).");

        var past = KvNames.Collect(inputs, PastPattern(), file, "input");
        var present = KvNames.Collect(outputs, PresentPattern(), file, "output");
        foreach (var (kind, layers) in new[] { ("past_key_values inputs", past.Length), ("present outputs", present.Length) })
        {
            if (layers != 0 && layers != expectedLayers)
            {
                throw new InvalidDataException($"'{file}' has {kind} for {layers} layers but config.json says {expectedLayers} decoder layers.");
            }
        }

        if (present.Length == 0)
        {
            throw new InvalidDataException($"'{file}' has no present.{{i}}.decoder.key outputs: export with --task text2text-generation-with-past.");
        }

        var signature = new DecoderSignature
        {
            File = file,
            InputIds = Require(inputs, "input_ids", "input"),
            EncoderAttentionMask = Require(inputs, "encoder_attention_mask", "input"),
            EncoderHiddenStates = inputs.Contains("encoder_hidden_states") ? "encoder_hidden_states" : null,
            UseCacheBranch = inputs.Contains("use_cache_branch") ? "use_cache_branch" : null,
            Logits = Require(outputs, "logits", "output"),
            Past = past,
            Present = present,
        };

        // Every input must be one that generation feeds; anything else (a newer export's extra input) is named here
        // rather than left to fail inside ONNX Runtime.
        var known = new HashSet<string>(StringComparer.Ordinal) { signature.InputIds, signature.EncoderAttentionMask };
        known.UnionWith(new[] { signature.EncoderHiddenStates, signature.UseCacheBranch }.OfType<string>());
        known.UnionWith(past.SelectMany(p => new[] { p.DecoderKey, p.DecoderValue, p.EncoderKey, p.EncoderValue }).OfType<string>());
        var unknown = inputs.Where(i => !known.Contains(i)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"'{file}' has inputs GenQ does not know how to feed: {string.Join(", ", unknown)}.");
        }

        if (past.Length > 0 && past.Any(p => p.EncoderKey is null || p.EncoderValue is null))
        {
            throw new InvalidDataException($"'{file}' lacks past_key_values.{{i}}.encoder.key/value inputs for some layers.");
        }

        return signature;
    }

    [GeneratedRegex(@"^past_key_values\.(\d+)\.(decoder|encoder)\.(key|value)$")]
    private static partial Regex PastPattern();

    [GeneratedRegex(@"^present\.(\d+)\.(decoder|encoder)\.(key|value)$")]
    private static partial Regex PresentPattern();
}
