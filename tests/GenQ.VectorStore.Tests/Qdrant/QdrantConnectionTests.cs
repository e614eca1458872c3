using GenQ.VectorStore.Qdrant;

namespace GenQ.VectorStore.Tests.Qdrant;

public sealed class QdrantConnectionTests
{
    [Fact]
    public void APlainUriIsAnEndpoint()
    {
        var connection = QdrantConnection.Parse("http://localhost:6334", "k");

        Assert.Equal(new Uri("http://localhost:6334"), connection.Endpoint);
        Assert.Equal("k", connection.ApiKey);
    }

    [Fact]
    public void AnAspireConnectionStringGivesEndpointAndKey()
    {
        var connection = QdrantConnection.Parse("Endpoint=http://qdrant:6334;Key=secret");

        Assert.Equal(new Uri("http://qdrant:6334"), connection.Endpoint);
        Assert.Equal("secret", connection.ApiKey);
        Assert.DoesNotContain("secret", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AConnectionStringWithoutEndpointIsRejected()
    {
        Assert.Throws<FormatException>(() => QdrantConnection.Parse("Key=secret"));
        Assert.Throws<FormatException>(() => QdrantConnection.Parse("localhost:6334"));
        Assert.Throws<FormatException>(() => QdrantConnection.Parse("Endpoint=ftp://x"));
    }
}
