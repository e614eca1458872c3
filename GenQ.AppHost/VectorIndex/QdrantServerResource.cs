namespace GenQ.AppHost.VectorIndex;

/// <summary>
/// A Qdrant server in a container. Declared here because the Aspire Qdrant hosting package is not served by the
/// registry this project builds from. Services receive its gRPC endpoint as the <c>qdrant</c> connection string.
/// </summary>
public sealed class QdrantServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string GrpcEndpointName = "grpc";
    public const string HttpEndpointName = "http";

    public EndpointReference GrpcEndpoint => new(this, GrpcEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{GrpcEndpoint.Property(EndpointProperty.Url)}");
}
