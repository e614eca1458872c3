using System.Numerics.Tensors;
using GenQ.Lexical;
using GenQ.VectorStore;
using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// An embedded index of <c>count</c> seeded random unit vectors (uniform on the sphere) with passage-sized payloads, or
/// of given vectors, built and published the way the indexer does it. The search cost of a full scan does not depend
/// on the vectors' content; an HNSW graph's does (use real vectors for it, see <see cref="RealVectors"/>).
/// </summary>
internal static class RandomIndex
{
    public const string Corpus = "bench";
    public const string Version = "v1";

    /// <param name="passage">Title and text of point i (default: a placeholder of passage length).</param>
    /// <param name="lexical">Corpus statistics for the lexical index built alongside.</param>
    /// <param name="vectors">Vector of point i (default: seeded random unit vectors).</param>
    /// <param name="graph">Build an HNSW graph at publish (default: none, every search scans).</param>
    /// <returns>Total build time, and the publish step's (lexical seal, and graph build when asked).</returns>
    public static async Task<(TimeSpan Total, TimeSpan Publish)> BuildAsync(string directory, int count, int dimensions,
        Func<int, (string Title, string Text)>? passage = null, LexicalCorpusStatistics? lexical = null, float[][]? vectors = null, bool graph = false)
    {
        passage ??= i => ($"Title of document {i}", $"Passage {i}: " + new string('x', 300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var builder = new EmbeddedVectorIndex(new VectorStoreOptions
        {
            DataDirectory = directory,
            UpsertBatchSize = 1000,
            Hnsw = new HnswOptions { Enabled = graph, MinPoints = 1 },
        });
        await builder.CreateVersionAsync(Corpus, Version, dimensions, lexical);
        var random = new Random(1);
        for (var start = 0; start < count; start += 1000)
        {
            var points = Enumerable.Range(start, Math.Min(1000, count - start))
                .Select(i => new VectorPoint($"doc{i}", passage(i).Title, passage(i).Text, vectors?[i] ?? Unit(random, dimensions)))
                .ToArray();
            await builder.UpsertAsync(Corpus, Version, points);
        }

        var publishStarted = clock.Elapsed;
        await builder.PublishVersionAsync(Corpus, Version);
        return (clock.Elapsed, clock.Elapsed - publishStarted);
    }

    /// <param name="graphEf">Above 0: search the HNSW graph (when the build has one) with this candidate list size.</param>
    public static IVectorIndex Open(string directory, bool quantization, int graphEf = 0)
        => new EmbeddedVectorIndex(new VectorStoreOptions
        {
            DataDirectory = directory,
            Quantization = quantization,
            Hnsw = new HnswOptions { Enabled = graphEf > 0, EfSearch = Math.Max(graphEf, 1) },
        });

    private static float[] Unit(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var j = 0; j < dimensions; j++)
        {
            v[j] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm<float>(v), v);
        return v;
    }
}
