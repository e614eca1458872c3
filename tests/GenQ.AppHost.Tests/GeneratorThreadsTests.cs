using GenQ.AppHost.Configuration;
using Microsoft.Extensions.Configuration;

namespace GenQ.AppHost.Tests;

/// <summary>Generator replicas split the machine's cores instead of each starting a thread per core.</summary>
public sealed class GeneratorThreadsTests
{
    [Theory]
    [InlineData(2, 2, "1")]   // the AppHost's default on the 2-core build machine: 2 replicas x 1 thread
    [InlineData(1, 2, "2")]
    [InlineData(3, 2, "1")]   // more replicas than cores: still one thread each
    [InlineData(2, 16, "8")]
    [InlineData(3, 16, "5")]  // 16 / 3 rounded down: never more threads than cores in all
    public void CoresAreSplitEvenlyAmongReplicas(int replicas, int cores, string expected)
    {
        var configuration = new ConfigurationBuilder().Build();
        Assert.Equal(expected, GeneratorThreads.PerReplica(configuration, replicas, cores));
    }

    [Fact]
    public void AConfiguredThreadCountWins()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(GeneratorThreads.OverrideKey, "3")]).Build();
        Assert.Equal("3", GeneratorThreads.PerReplica(configuration, 2, 2));
    }
}
