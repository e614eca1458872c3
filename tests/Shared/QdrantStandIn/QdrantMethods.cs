using Google.Protobuf;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace GenQ.Testing.QdrantStandIn;

/// <summary>
/// gRPC method descriptors of the Qdrant services the backend calls. Qdrant.Client ships client stubs only, so the
/// server side is declared by hand with the wire names of qdrant's collections_service.proto / points_service.proto
/// and marshallers built from the client's own message parsers.
/// </summary>
internal static class QdrantMethods
{
    public const string CollectionsService = "qdrant.Collections";
    public const string PointsService = "qdrant.Points";

    public static readonly Method<CreateCollection, CollectionOperationResponse> Create = Unary<CreateCollection, CollectionOperationResponse>(CollectionsService, "Create");
    public static readonly Method<DeleteCollection, CollectionOperationResponse> Delete = Unary<DeleteCollection, CollectionOperationResponse>(CollectionsService, "Delete");
    public static readonly Method<ListCollectionsRequest, ListCollectionsResponse> List = Unary<ListCollectionsRequest, ListCollectionsResponse>(CollectionsService, "List");
    public static readonly Method<GetCollectionInfoRequest, GetCollectionInfoResponse> Get = Unary<GetCollectionInfoRequest, GetCollectionInfoResponse>(CollectionsService, "Get");
    public static readonly Method<ChangeAliases, CollectionOperationResponse> UpdateAliases = Unary<ChangeAliases, CollectionOperationResponse>(CollectionsService, "UpdateAliases");
    public static readonly Method<ListAliasesRequest, ListAliasesResponse> ListAliases = Unary<ListAliasesRequest, ListAliasesResponse>(CollectionsService, "ListAliases");

    public static readonly Method<UpsertPoints, PointsOperationResponse> Upsert = Unary<UpsertPoints, PointsOperationResponse>(PointsService, "Upsert");
    public static readonly Method<QueryPoints, QueryResponse> Query = Unary<QueryPoints, QueryResponse>(PointsService, "Query");
    public static readonly Method<CountPoints, CountResponse> Count = Unary<CountPoints, CountResponse>(PointsService, "Count");

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var requestParser = new MessageParser<TRequest>(() => new TRequest());
        var responseParser = new MessageParser<TResponse>(() => new TResponse());
        return new Method<TRequest, TResponse>(MethodType.Unary, service, name,
            Marshallers.Create(m => m.ToByteArray(), requestParser.ParseFrom),
            Marshallers.Create(m => m.ToByteArray(), responseParser.ParseFrom));
    }
}
