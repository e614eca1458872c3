using System.Numerics.Tensors;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace GenQ.VectorStore.Tests.StandIn;

/// <summary>One collection of the stand-in: vector size, distance and points keyed by point id.</summary>
public sealed class StandInCollection(ulong size, Distance distance)
{
    private readonly Dictionary<PointId, (float[] Unit, PointStruct Point)> _points = new();

    public ulong Size { get; } = size;

    public Distance Distance { get; } = distance;

    public int Count => _points.Count;

    public void Upsert(PointStruct point)
    {
        var vector = DenseOf(point.Vectors);
        CheckSize(vector.Length);
        var unit = new float[vector.Length];
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), unit);
        _points[point.Id] = (unit, point);
    }

    /// <summary>Exact cosine top-k, best first.</summary>
    public IEnumerable<ScoredPoint> Query(float[] query, int limit, bool withPayload)
    {
        CheckSize(query.Length);
        var unitQuery = new float[query.Length];
        TensorPrimitives.Divide(query, TensorPrimitives.Norm(query), unitQuery);
        return _points.Values
            .Select(p => (p.Point, Score: TensorPrimitives.Dot(unitQuery, p.Unit)))
            .OrderByDescending(p => p.Score)
            .Take(limit)
            .Select(p =>
            {
                var scored = new ScoredPoint { Id = p.Point.Id, Score = p.Score, Version = 0 };
                if (withPayload)
                {
                    scored.Payload.Add(p.Point.Payload);
                }

                return scored;
            })
            .ToList();
    }

    private void CheckSize(int length)
    {
        if ((ulong)length != Size)
        {
            throw QdrantStandInState.Error(StatusCode.InvalidArgument,
                $"Wrong input: Vector dimension error: expected dim: {Size}, got {length}");
        }
    }

    private static float[] DenseOf(Vectors vectors)
    {
        if (vectors?.VectorsOptionsCase != Vectors.VectorsOptionsOneofCase.Vector)
        {
            throw QdrantStandInState.Error(StatusCode.InvalidArgument, "Wrong input: the stand-in supports one unnamed dense vector per point");
        }

        var vector = vectors.Vector;
        if (vector.Dense is { } dense)
        {
            return dense.Data.ToArray();
        }

#pragma warning disable CS0612, CS0618 // the client may still fill the deprecated flat data field
        return vector.Data.ToArray();
#pragma warning restore CS0612, CS0618
    }
}
