namespace GenQ.VectorStore.Benchmarks;

/// <summary>Latency distribution and throughput of one (mode, clients) level.</summary>
internal sealed record LoadResult(string Mode, int Clients, int Queries, double P50Ms, double P99Ms, double MeanMs, double Qps);
