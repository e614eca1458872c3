using System.Numerics.Tensors;
using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace GenQ.Testing.QdrantStandIn;

/// <summary>
/// One collection of the stand-in: vector size, distance, named sparse vectors (with their modifier), metadata and
/// points keyed by point id. A point carries either one unnamed dense vector or named vectors where "" is the dense
/// one, as Qdrant accepts them.
/// </summary>
public sealed class StandInCollection(ulong size, Distance distance, IReadOnlyDictionary<string, Modifier> sparseVectors,
    IDictionary<string, Value> metadata)
{
    private readonly Dictionary<PointId, StoredPoint> _points = new();

    public ulong Size { get; } = size;

    public Distance Distance { get; } = distance;

    public IDictionary<string, Value> Metadata { get; } = new Dictionary<string, Value>(metadata);

    public int Count => _points.Count;

    public SparseVectorConfig SparseConfig()
    {
        var config = new SparseVectorConfig();
        foreach (var (name, modifier) in sparseVectors)
        {
            config.Map[name] = new SparseVectorParams { Modifier = modifier };
        }

        return config;
    }

    public void Upsert(PointStruct point)
    {
        var (vector, sparse) = VectorsOf(point.Vectors);
        CheckSize(vector.Length);
        var unit = new float[vector.Length];
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), unit);
        _points[point.Id] = new StoredPoint(unit, sparse, point);
    }

    /// <summary>Exact cosine top-k, best first.</summary>
    public IEnumerable<ScoredPoint> Query(float[] query, int limit, bool withPayload)
    {
        CheckSize(query.Length);
        var unitQuery = new float[query.Length];
        TensorPrimitives.Divide(query, TensorPrimitives.Norm(query), unitQuery);
        return Top(_points.Values.Select(p => (p.Point, Score: TensorPrimitives.Dot(unitQuery, p.Unit))), limit, withPayload);
    }

    /// <summary>
    /// Sparse top-k: sum over shared indices of query value x document value, times, with <see cref="Modifier.Idf"/>,
    /// Qdrant's idf = ln(((N - n + 0.5) / (n + 0.5)) + 1) (N points in the collection, n of them with the index).
    /// Only points sharing at least one index are returned, as Qdrant does.
    /// </summary>
    public IEnumerable<ScoredPoint> QuerySparse(string name, (uint Index, float Value)[] query, int limit, bool withPayload)
    {
        if (!sparseVectors.TryGetValue(name, out var modifier))
        {
            throw QdrantStandInState.Error(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}");
        }

        var n = (double)_points.Count;
        var idf = query.ToDictionary(t => t.Index, t =>
        {
            if (modifier != Modifier.Idf)
            {
                return 1.0;
            }

            var df = _points.Values.Count(p => p.Sparse.TryGetValue(name, out var d) && d.ContainsKey(t.Index));
            return Math.Log(((n - df + 0.5) / (df + 0.5)) + 1);
        });
        var scored = new List<(PointStruct Point, float Score)>();
        foreach (var point in _points.Values)
        {
            if (!point.Sparse.TryGetValue(name, out var document) || !query.Any(t => document.ContainsKey(t.Index)))
            {
                continue;
            }

            var score = query.Sum(t => document.TryGetValue(t.Index, out var w) ? t.Value * idf[t.Index] * w : 0.0);
            scored.Add((point.Point, (float)score));
        }

        return Top(scored, limit, withPayload);
    }

    private static List<ScoredPoint> Top(IEnumerable<(PointStruct Point, float Score)> scored, int limit, bool withPayload) =>
        scored.OrderByDescending(p => p.Score)
            .Take(limit)
            .Select(p =>
            {
                var result = new ScoredPoint { Id = p.Point.Id, Score = p.Score, Version = 0 };
                if (withPayload)
                {
                    result.Payload.Add(p.Point.Payload);
                }

                return result;
            })
            .ToList();

    private void CheckSize(int length)
    {
        if ((ulong)length != Size)
        {
            throw QdrantStandInState.Error(StatusCode.InvalidArgument,
                $"Wrong input: Vector dimension error: expected dim: {Size}, got {length}");
        }
    }

    private (float[] Dense, Dictionary<string, Dictionary<uint, float>> Sparse) VectorsOf(Vectors vectors)
    {
        var sparse = new Dictionary<string, Dictionary<uint, float>>(StringComparer.Ordinal);
        switch (vectors?.VectorsOptionsCase)
        {
            case Vectors.VectorsOptionsOneofCase.Vector:
                return (DenseOf(vectors.Vector), sparse);
            case Vectors.VectorsOptionsOneofCase.Vectors_:
                float[]? dense = null;
                foreach (var (name, vector) in vectors.Vectors_.Vectors)
                {
                    if (name.Length == 0)
                    {
                        dense = DenseOf(vector);
                    }
                    else if (sparseVectors.ContainsKey(name))
                    {
                        sparse[name] = SparseOf(vector, name);
                    }
                    else
                    {
                        throw QdrantStandInState.Error(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {name}");
                    }
                }

                return (dense ?? throw QdrantStandInState.Error(StatusCode.InvalidArgument, "Wrong input: the stand-in needs the unnamed dense vector"), sparse);
            default:
                throw QdrantStandInState.Error(StatusCode.InvalidArgument, "Wrong input: point without vectors");
        }
    }

    private static float[] DenseOf(Vector vector)
    {
        if (vector.Dense is { } dense)
        {
            return dense.Data.ToArray();
        }

#pragma warning disable CS0612, CS0618 // the client may still fill the deprecated flat data field
        return vector.Data.ToArray();
#pragma warning restore CS0612, CS0618
    }

    private static Dictionary<uint, float> SparseOf(Vector vector, string name)
    {
        RepeatedField<uint> indices;
        RepeatedField<float> values;
        if (vector.Sparse is { } sparse)
        {
            (indices, values) = (sparse.Indices, sparse.Values);
        }
        else
        {
#pragma warning disable CS0612, CS0618 // deprecated flat sparse encoding (data + indices)
            (indices, values) = (vector.Indices?.Data ?? [], vector.Data);
#pragma warning restore CS0612, CS0618
        }

        if (indices.Count != values.Count || indices.Distinct().Count() != indices.Count)
        {
            throw QdrantStandInState.Error(StatusCode.InvalidArgument, $"Wrong input: sparse vector '{name}' has mismatched or repeated indices");
        }

        return indices.Zip(values).ToDictionary(p => p.First, p => p.Second);
    }

    private sealed record StoredPoint(float[] Unit, Dictionary<string, Dictionary<uint, float>> Sparse, PointStruct Point);
}
