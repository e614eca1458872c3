using System.Numerics.Tensors;
using GenQ.VectorStore;
using GenQ.VectorStore.Embedded;
using GenQ.VectorStore.Model;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// An embedded index of <c>count</c> seeded random unit vectors (uniform on the sphere) with passage-sized payloads,
/// built and published the way the indexer does it. The search cost of a full scan does not depend on the vectors' content.
/// </summary>
internal static class RandomIndex
{
    public const string Corpus = "bench";
    public const string Version = "v1";

    public static async Task<TimeSpan> BuildAsync(string directory, int count, int dimensions)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var builder = new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = directory, UpsertBatchSize = 1000 });
        await builder.CreateVersionAsync(Corpus, Version, dimensions);
        var random = new Random(1);
        for (var start = 0; start < count; start += 1000)
        {
            var points = Enumerable.Range(start, Math.Min(1000, count - start))
                .Select(i => new VectorPoint($"doc{i}", $"Title of document {i}", $"Passage {i}: " + new string('x', 300), Unit(random, dimensions)))
                .ToArray();
            await builder.UpsertAsync(Corpus, Version, points);
        }

        await builder.PublishVersionAsync(Corpus, Version);
        return clock.Elapsed;
    }

    public static IVectorIndex Open(string directory, bool quantization)
        => new EmbeddedVectorIndex(new VectorStoreOptions { DataDirectory = directory, Quantization = quantization });

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
