using GenQ.VectorStore.Model;

namespace GenQ.VectorStore.Benchmarks;

/// <summary>Seeded Gaussian vectors normalised to unit length (uniform on the sphere), as passages and as queries.</summary>
internal static class RandomVectors
{
    public static float[][] Unit(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var v = vectors[i] = new float[dimensions];
            for (var j = 0; j < dimensions; j++)
            {
                v[j] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            }

            var norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(v);
            System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
        }

        return vectors;
    }

    /// <summary>Passages of about the size of a BEIR passage payload (title + ~60 tokens of text).</summary>
    public static VectorPoint[] Points(float[][] vectors, int start, int count) =>
        Enumerable.Range(start, count)
            .Select(i => new VectorPoint($"doc{i}", $"Title of document {i}", $"Passage {i}: " + new string('x', 300), vectors[i]))
            .ToArray();
}
