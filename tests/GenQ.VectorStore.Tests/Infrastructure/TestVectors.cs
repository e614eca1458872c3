using GenQ.VectorStore.Model;

namespace GenQ.VectorStore.Tests.Infrastructure;

/// <summary>Seeded random vectors and a plain scalar brute-force cosine search to compare the indexes with.</summary>
internal static class TestVectors
{
    /// <summary>Gaussian vectors normalised to unit length (uniform on the sphere).</summary>
    public static float[][] RandomUnit(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var v = new float[dimensions];
            double norm = 0;
            for (var j = 0; j < dimensions; j++)
            {
                // Box-Muller
                var g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                v[j] = (float)g;
                norm += g * g;
            }

            var inverse = 1 / Math.Sqrt(norm);
            for (var j = 0; j < dimensions; j++)
            {
                v[j] = (float)(v[j] * inverse);
            }

            vectors[i] = v;
        }

        return vectors;
    }

    /// <summary>
    /// Unit vectors drawn around <paramref name="clusters"/> random centres (Gaussian noise of norm about
    /// <paramref name="spread"/>): like sentence embeddings, they have neighbourhoods, which uniform random vectors in
    /// hundreds of dimensions do not (there every point is nearly equidistant from every other).
    /// </summary>
    public static float[][] Clustered(int count, int dimensions, int clusters, float spread, int seed)
    {
        var centres = RandomUnit(clusters, dimensions, seed);
        var noise = RandomUnit(count, dimensions, seed + 1);
        var random = new Random(seed + 2);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[random.Next(clusters)];
            var v = new float[dimensions];
            double norm = 0;
            for (var j = 0; j < dimensions; j++)
            {
                v[j] = centre[j] + (spread * noise[i][j]);
                norm += v[j] * v[j];
            }

            var inverse = (float)(1 / Math.Sqrt(norm));
            for (var j = 0; j < dimensions; j++)
            {
                v[j] *= inverse;
            }

            vectors[i] = v;
        }

        return vectors;
    }

    /// <summary>Points "p{i}" with the given vectors; title carries <paramref name="tag"/> so tests can see which build answered.</summary>
    public static VectorPoint[] Points(float[][] vectors, string tag = "") =>
        vectors.Select((v, i) => new VectorPoint($"p{i}", $"{tag}title {i}", $"text of passage {i}", v)).ToArray();

    /// <summary>Top-k passage ids and cosine scores by scalar double-precision arithmetic over every vector.</summary>
    public static (string Id, double Score)[] BruteForce(float[][] vectors, float[] query, int k)
    {
        return vectors
            .Select((v, i) => (Id: $"p{i}", Score: Cosine(v, query)))
            .OrderByDescending(x => x.Score)
            .Take(k)
            .ToArray();
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
