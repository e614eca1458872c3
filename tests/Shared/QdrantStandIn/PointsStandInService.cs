using Grpc.Core;
using Qdrant.Client.Grpc;

namespace GenQ.Testing.QdrantStandIn;

/// <summary>
/// Hand-bound "qdrant.Points" service of the stand-in: Upsert, Query (nearest by the dense vector, or by a named sparse
/// vector with Qdrant's IDF modifier) and Count. Methods are
/// virtual because Grpc.AspNetCore only routes to virtual methods declared on the [BindServiceMethod] class.
/// </summary>
[BindServiceMethod(typeof(PointsStandInService), nameof(BindService))]
public class PointsStandInService(QdrantStandInState state)
{
    private static long _operationId;

    public static void BindService(ServiceBinderBase binder, PointsStandInService? service)
    {
        binder.AddMethod(QdrantMethods.Upsert, service is null ? null! : service.Upsert);
        binder.AddMethod(QdrantMethods.Query, service is null ? null! : service.Query);
        binder.AddMethod(QdrantMethods.Count, service is null ? null! : service.Count);
    }

    public virtual Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context)
    {
        state.With(request.CollectionName, c =>
        {
            foreach (var point in request.Points)
            {
                c.Upsert(point);
            }

            return 0;
        });
        var result = new UpdateResult { OperationId = (ulong)Interlocked.Increment(ref _operationId), Status = UpdateStatus.Completed };
        return Task.FromResult(new PointsOperationResponse { Result = result });
    }

    public virtual Task<QueryResponse> Query(QueryPoints request, ServerCallContext context)
    {
        var limit = request.HasLimit ? (int)request.Limit : 10;
        var withPayload = request.WithPayload?.Enable ?? false;
        var response = new QueryResponse();
        if (request.Query?.Nearest?.Sparse is { } sparse)
        {
            var terms = sparse.Indices.Zip(sparse.Values).ToArray();
            response.Result.AddRange(state.With(request.CollectionName, c => c.QuerySparse(request.Using, terms, limit, withPayload)));
            return Task.FromResult(response);
        }

        if (request.Query?.Nearest?.Dense is not { } dense)
        {
            throw QdrantStandInState.Error(StatusCode.Unimplemented, "The stand-in supports only nearest-neighbour queries by a dense or sparse vector");
        }

        if (!string.IsNullOrEmpty(request.Using))
        {
            throw QdrantStandInState.Error(StatusCode.InvalidArgument, $"Wrong input: Not existing vector name error: {request.Using}");
        }

        response.Result.AddRange(state.With(request.CollectionName, c => c.Query(dense.Data.ToArray(), limit, withPayload)));
        return Task.FromResult(response);
    }

    public virtual Task<CountResponse> Count(CountPoints request, ServerCallContext context)
    {
        var count = state.With(request.CollectionName, c => c.Count);
        return Task.FromResult(new CountResponse { Result = new CountResult { Count = (ulong)count } });
    }
}
