using System.Text.Json.Serialization;

namespace GenQ.SearchApi.Model;

[JsonSerializable(typeof(SearchRequest))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
