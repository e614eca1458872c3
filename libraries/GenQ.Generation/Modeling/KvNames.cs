using System.Text.RegularExpressions;

namespace GenQ.Generation.Modeling;

/// <summary>The four key/value tensor names of one decoder layer (encoder ones may be absent).</summary>
internal sealed record KvNames(string DecoderKey, string DecoderValue, string? EncoderKey, string? EncoderValue)
{
    /// <summary>Groups names matching (layer, decoder|encoder, key|value) by layer; layers must be 0..n-1 with decoder entries complete.</summary>
    public static KvNames[] Collect(IEnumerable<string> names, Regex pattern, string file, string kind)
    {
        var byLayer = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var name in names)
        {
            var match = pattern.Match(name);
            if (!match.Success)
            {
                continue;
            }

            var layer = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (!byLayer.TryGetValue(layer, out var parts))
            {
                byLayer[layer] = parts = [];
            }

            parts[$"{match.Groups[2].Value}.{match.Groups[3].Value}"] = name;
        }

        var result = new KvNames[byLayer.Count];
        foreach (var (layer, parts) in byLayer)
        {
            if (layer >= result.Length || !parts.ContainsKey("decoder.key") || !parts.ContainsKey("decoder.value"))
            {
                throw new InvalidDataException($"'{file}': the {kind} key/value names of layer {layer} are incomplete or not numbered 0..{result.Length - 1}.");
            }

            result[layer] = new KvNames(parts["decoder.key"], parts["decoder.value"], parts.GetValueOrDefault("encoder.key"), parts.GetValueOrDefault("encoder.value"));
        }

        return result;
    }
}
