using System.Text.Json.Serialization;

namespace GenQ.Contracts.Runs;

/// <summary>
/// What an upload does to its corpus (<c>POST /api/corpora/{name}/documents?mode=</c>), and so what kind of run it starts.
/// Serialized as lowercase words, as the query parameter takes them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<UploadMode>))]
public enum UploadMode
{
    /// <summary>The upload becomes the corpus' whole content; every unfinished older run of the corpus is cancelled.</summary>
    [JsonStringEnumMemberName("replace")]
    Replace,

    /// <summary>
    /// The passages are added to the existing corpus: indexed with the live model at once, queries generated for them
    /// alone, and the whole corpus retrained once enough new passages arrived. Runs in flight go on.
    /// </summary>
    [JsonStringEnumMemberName("append")]
    Append,
}
