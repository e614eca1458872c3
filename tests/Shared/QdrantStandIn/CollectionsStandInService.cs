using Grpc.Core;
using Qdrant.Client.Grpc;

namespace GenQ.Testing.QdrantStandIn;

/// <summary>
/// Hand-bound "qdrant.Collections" service of the stand-in (the methods QdrantVectorIndex calls). Grpc.AspNetCore
/// calls <see cref="BindService"/> to learn the methods and routes each call to the public virtual instance method of
/// the same name declared on the class carrying [BindServiceMethod] (which is why the methods are virtual).
/// </summary>
[BindServiceMethod(typeof(CollectionsStandInService), nameof(BindService))]
public class CollectionsStandInService(QdrantStandInState state)
{
    public static void BindService(ServiceBinderBase binder, CollectionsStandInService? service)
    {
        binder.AddMethod(QdrantMethods.Create, service is null ? null! : service.Create);
        binder.AddMethod(QdrantMethods.Delete, service is null ? null! : service.Delete);
        binder.AddMethod(QdrantMethods.List, service is null ? null! : service.List);
        binder.AddMethod(QdrantMethods.Get, service is null ? null! : service.Get);
        binder.AddMethod(QdrantMethods.UpdateAliases, service is null ? null! : service.UpdateAliases);
        binder.AddMethod(QdrantMethods.ListAliases, service is null ? null! : service.ListAliases);
    }

    public virtual Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        var vectors = request.VectorsConfig?.Params
            ?? throw QdrantStandInState.Error(StatusCode.InvalidArgument, "Wrong input: the stand-in needs one unnamed vector config");
        var sparse = request.SparseVectorsConfig?.Map.ToDictionary(m => m.Key, m => m.Value.HasModifier ? m.Value.Modifier : Modifier.None)
            ?? new Dictionary<string, Modifier>();
        state.CreateCollection(request.CollectionName, vectors.Size, vectors.Distance, sparse, request.Metadata);
        return Task.FromResult(new CollectionOperationResponse { Result = true });
    }

    public virtual Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context) =>
        Task.FromResult(new CollectionOperationResponse { Result = state.DeleteCollection(request.CollectionName) });

    public virtual Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context)
    {
        var response = new ListCollectionsResponse();
        response.Collections.AddRange(state.CollectionNames().Select(n => new CollectionDescription { Name = n }));
        return Task.FromResult(response);
    }

    public virtual Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context)
    {
        var info = state.With(request.CollectionName, c => new CollectionInfo
        {
            Status = CollectionStatus.Green,
            PointsCount = (ulong)c.Count,
            SegmentsCount = 1,
            Config = new CollectionConfig
            {
                Params = new CollectionParams
                {
                    VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = c.Size, Distance = c.Distance } },
                    SparseVectorsConfig = c.SparseConfig(),
                },
                Metadata = { c.Metadata },
            },
        });
        return Task.FromResult(new GetCollectionInfoResponse { Result = info });
    }

    public virtual Task<CollectionOperationResponse> UpdateAliases(ChangeAliases request, ServerCallContext context)
    {
        state.UpdateAliases(request.Actions);
        return Task.FromResult(new CollectionOperationResponse { Result = true });
    }

    public virtual Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context)
    {
        var response = new ListAliasesResponse();
        response.Aliases.AddRange(state.Aliases().Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value }));
        return Task.FromResult(response);
    }
}
