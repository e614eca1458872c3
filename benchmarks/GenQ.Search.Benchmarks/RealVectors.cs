using System.Text;
using System.Text.RegularExpressions;
using GenQ.Embeddings.Models;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Real sentence embeddings for index benchmarks: the distinct sentences of the five eval-data collections, then
/// windows of two and three consecutive sentences, until <c>count</c> texts, embedded with the int8 MiniLM (cosine
/// 0.995 to fp32, 2.5x faster) and cached on disk because encoding 100,000 texts takes minutes. Unlike uniform random
/// vectors they have neighbourhoods, which is what an approximate index relies on.
/// </summary>
internal static partial class RealVectors
{
    private static readonly string[] Collections = ["cacm", "cisi", "cranfield", "medline", "time"];

    public static List<string> Texts(int count)
    {
        var documents = Collections.SelectMany(c => EvalData.Corpus(EvalData.Folder(c)))
            .Select(d => SentenceEnd().Split(d.Text.ReplaceLineEndings(" ")).Select(s => s.Trim()).Where(s => s.Split(' ').Length >= 4).ToArray())
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var texts = new List<string>(count);
        for (var window = 1; window <= 3 && texts.Count < count; window++)
        {
            foreach (var sentences in documents)
            {
                for (var i = 0; i + window <= sentences.Length && texts.Count < count; i++)
                {
                    var text = string.Join(' ', sentences, i, window);
                    if (seen.Add(text))
                    {
                        texts.Add(text);
                    }
                }
            }
        }

        if (texts.Count < count)
        {
            throw new InvalidOperationException($"The five collections give only {texts.Count} distinct texts of up to three sentences; ask for fewer.");
        }

        return texts;
    }

    /// <summary>Embeddings of <paramref name="texts"/>, read from the cache when it holds exactly these texts.</summary>
    public static float[][] Embed(ModelFolder int8, List<string> texts, string cacheDirectory)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', texts))))[..16];
        var path = Path.Combine(cacheDirectory, $"real-vectors-{texts.Count}-{key}.bin");
        if (File.Exists(path))
        {
            Console.WriteLine($"Real vectors: read {texts.Count:N0} cached embeddings from {path}");
            return Read(path, texts.Count);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var encoder = BenchmarkModels.Open(int8, threads: 1, batchSize: 32, concurrentBatches: Environment.ProcessorCount);
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += 4096)
        {
            var chunk = texts.GetRange(start, Math.Min(4096, texts.Count - start));
            encoder.Encode(chunk).CopyTo(vectors, start);
            Console.Write($"\rReal vectors: encoded {start + chunk.Count:N0} / {texts.Count:N0} ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        Console.WriteLine();
        Directory.CreateDirectory(cacheDirectory);
        var temp = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            writer.Write(vectors.Length);
            writer.Write(vectors[0].Length);
            foreach (var v in vectors)
            {
                foreach (var x in v)
                {
                    writer.Write(x);
                }
            }
        }

        File.Move(temp, path, overwrite: true);
        return vectors;
    }

    private static float[][] Read(string path, int count)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var (stored, dimensions) = (reader.ReadInt32(), reader.ReadInt32());
        if (stored != count)
        {
            throw new InvalidDataException($"'{path}' holds {stored} vectors, expected {count}.");
        }

        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = new float[dimensions];
            for (var j = 0; j < dimensions; j++)
            {
                vectors[i][j] = reader.ReadSingle();
            }
        }

        return vectors;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
