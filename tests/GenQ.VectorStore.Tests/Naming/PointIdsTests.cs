using GenQ.VectorStore.Naming;

namespace GenQ.VectorStore.Tests.Naming;

public sealed class PointIdsTests
{
    [Fact]
    public void Version5UuidsMatchTheRfc4122Algorithm()
    {
        // Reference values from Python's uuid.uuid5 (the RFC's own example namespace and GenQ's namespace).
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"),
            PointIds.CreateVersion5(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"));
        Assert.Equal(new Guid("cc8613ca-91c4-5664-9f6a-ea5ad97fd71a"), PointIds.FromPassageId("doc-1"));
        Assert.Equal(new Guid("bf1ee516-f6a7-5cdd-a4ca-823cb4cec871"), PointIds.FromPassageId("MED-10"));
    }

    [Fact]
    public void DifferentPassagesGetDifferentIds()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => PointIds.FromPassageId($"p{i}")).ToHashSet();

        Assert.Equal(10_000, ids.Count);
        Assert.Throws<ArgumentException>(() => PointIds.FromPassageId(""));
    }
}
