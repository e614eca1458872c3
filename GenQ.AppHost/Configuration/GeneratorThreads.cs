using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace GenQ.AppHost.Configuration;

/// <summary>
/// ONNX Runtime threads per generator replica. The replicas share this machine's cores; left at 0, ONNX Runtime starts
/// a thread per core in every replica, and on 2 cores 2 replicas x 2 threads did 12-19 % less than 2 x 1 or 1 x 2
/// through the real queue (docs/benchmarks/generator-replicas.md). So: the cores split evenly, at least one each.
/// </summary>
public static class GeneratorThreads
{
    /// <summary>Configuration key that overrides the split (e.g. to leave cores to a trainer on the same machine).</summary>
    public const string OverrideKey = "GenQ:GeneratorIntraOpThreads";

    public static string PerReplica(IConfiguration configuration, int replicas, int cores)
    {
        var threads = configuration.GetValue<int?>(OverrideKey) ?? Math.Max(1, cores / Math.Max(1, replicas));
        return threads.ToString(CultureInfo.InvariantCulture);
    }
}
