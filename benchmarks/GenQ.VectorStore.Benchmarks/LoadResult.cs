namespace GenQ.VectorStore.Benchmarks;

/// <summary>Latency distribution and throughput of one (mode, clients) level.</summary>
/// <param name="CpuMsPerQuery">Process CPU time per query: independent of other load on a shared machine.</param>
internal sealed record LoadResult(string Mode, int Clients, int Queries, double P50Ms, double P99Ms, double MeanMs, double Qps, double CpuMsPerQuery);
