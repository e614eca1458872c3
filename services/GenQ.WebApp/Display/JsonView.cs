using System.Globalization;
using System.Text.Json;

namespace GenQ.WebApp.Display;

/// <summary>
/// Shows JSON the web app does not model (a corpus' versions, a run's promotion decision) as rows and columns, so
/// fields the API adds appear without a new web release.
/// </summary>
public static class JsonView
{
    /// <summary>The rows of an array, or of the first array property of an object ({"versions": [...]}).</summary>
    public static IReadOnlyList<JsonElement> Rows(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Array => json.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList(),
        JsonValueKind.Object => json.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array) is { Value.ValueKind: JsonValueKind.Array } p
            ? Rows(p.Value)
            : [json],
        _ => [],
    };

    /// <summary>Every property name of the rows, in first-seen order.</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<JsonElement> rows) =>
        rows.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A cell's text: strings as they are, numbers invariant, nested objects as compact JSON.</summary>
    public static string Cell(JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) ? Text(value) : "";

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.TryGetInt64(out var i) ? i.ToString(CultureInfo.InvariantCulture) : value.GetDouble().ToString("0.####", CultureInfo.InvariantCulture),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null or JsonValueKind.Undefined => "–",
        // A decision record (a version's promotion) reads best as its verdict and reason.
        JsonValueKind.Object when value.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String =>
            value.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? $"{d.GetString()}: {r.GetString()}" : d.GetString() ?? "",
        _ => value.GetRawText(),
    };

    /// <summary>"trainingMethod" → "training method".</summary>
    public static string Heading(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString())).Replace('_', ' ');
}
