using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GenQ.Contracts.Files;
using GenQ.Embeddings.Models;

namespace GenQ.Cli.Local;

/// <summary>
/// Corpus embeddings on disk, keyed by model and corpus: the key hashes the model's manifest, the size and time of
/// its model.onnx, and the corpus file's bytes, so a retrained model or an edited corpus never reads stale vectors.
/// File: "GQEC" magic, version, count, dimension, then per passage its id (UTF-8, length-prefixed) and its floats.
/// </summary>
public sealed class EmbeddingCache(string directory)
{
    private const int Magic = 0x43455147; // "GQEC"
    private const int FormatVersion = 1;

    public string Directory { get; } = directory;

    /// <summary>$GENQ_CACHE, else ~/.cache/genq, with an embeddings/ subfolder.</summary>
    public static string DefaultDirectory()
    {
        var root = Environment.GetEnvironmentVariable("GENQ_CACHE");
        if (string.IsNullOrWhiteSpace(root))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            root = Path.Combine(string.IsNullOrWhiteSpace(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "genq");
        }

        return Path.Combine(root, "embeddings");
    }

    public static string Key(ModelFolder model, string corpusPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var onnx = new FileInfo(model.ModelPath);
        hash.AppendData(File.ReadAllBytes(model.ManifestPath));
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"|{onnx.Length}|{onnx.LastWriteTimeUtc.Ticks}|passage=title+text|")));
        using (var corpus = File.OpenRead(corpusPath))
        {
            hash.AppendData(SHA256.HashData(corpus));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..32].ToLowerInvariant();
    }

    public string PathFor(string key) => Path.Combine(Directory, key + ".bin");

    /// <summary>The cached (ids, vectors), or null when absent or unreadable (then it is simply recomputed).</summary>
    public (string[] Ids, float[][] Vectors)? TryRead(string key)
    {
        var path = PathFor(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != FormatVersion)
            {
                return null;
            }

            var (count, dimension) = (reader.ReadInt32(), reader.ReadInt32());
            var ids = new string[count];
            var vectors = new float[count][];
            for (var i = 0; i < count; i++)
            {
                ids[i] = reader.ReadString();
                vectors[i] = new float[dimension];
                reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[i].AsSpan()));
            }

            return (ids, vectors);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException)
        {
            return null;
        }
    }

    public void Write(string key, IReadOnlyList<string> ids, float[][] vectors) =>
        AtomicFile.Write(PathFor(key), stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(ids.Count);
            writer.Write(vectors.Length == 0 ? 0 : vectors[0].Length);
            for (var i = 0; i < ids.Count; i++)
            {
                writer.Write(ids[i]);
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[i].AsSpan()));
            }
        });
}
