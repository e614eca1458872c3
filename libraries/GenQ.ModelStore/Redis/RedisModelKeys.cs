using System.Globalization;

namespace GenQ.ModelStore.Redis;

/// <summary>
/// Redis keys of the model store. Blobs are global (content-addressed: a file shared by two versions or two corpora,
/// such as the base model's vocabulary, is stored once); records and version lists are per corpus.
/// </summary>
public static class RedisModelKeys
{
    /// <summary>String: chunk <paramref name="chunk"/> (0-based) of the file with this sha256.</summary>
    public static string Chunk(string sha256, int chunk) => string.Create(CultureInfo.InvariantCulture, $"genq:models:blob:{sha256}:{chunk}");

    /// <summary>String "{size}:{chunks}", written after every chunk: the blob is complete when it exists.</summary>
    public static string BlobMeta(string sha256) => $"genq:models:blob:{sha256}:meta";

    /// <summary>Set of "{corpus}/{version}" whose record names the blob; the blob is deleted when it empties.</summary>
    public static string BlobRefs(string sha256) => $"genq:models:blob:{sha256}:refs";

    /// <summary>String: the <see cref="ModelVersionRecord"/> JSON of one version.</summary>
    public static string Record(string corpus, string version) => $"genq:models:record:{corpus}:{version}";

    /// <summary>Sorted set version → first put time (ms): what retention counts and drops, oldest first.</summary>
    public static string Versions(string corpus) => $"genq:models:versions:{corpus}";

    public static string Reference(string corpus, string version) => $"{corpus}/{version}";
}
