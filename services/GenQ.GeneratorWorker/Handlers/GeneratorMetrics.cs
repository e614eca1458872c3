using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GenQ.GeneratorWorker.Handlers;

/// <summary>
/// Throughput of query generation (passages/s, queries/s, tokens/s are the rates of these counters in the dashboard),
/// tagged with the generator and execution provider in use so the dashboard shows which one runs.
/// </summary>
public sealed class GeneratorMetrics
{
    public const string MeterName = "GenQ.Generation";

    private readonly Counter<long> _passages;
    private readonly Counter<long> _queries;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _batchLatency;

    public GeneratorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _passages = meter.CreateCounter<long>("genq.generation.passages", "{passage}", "Passages for which queries were generated.");
        _queries = meter.CreateCounter<long>("genq.generation.queries", "{query}", "Queries kept after clean-up.");
        _tokens = meter.CreateCounter<long>("genq.generation.tokens", "{token}", "Decoder tokens generated.");
        _dropped = meter.CreateCounter<long>("genq.generation.dropped_queries", "{query}", "Queries dropped as empty or duplicate.");
        _batchLatency = meter.CreateHistogram<double>("genq.generation.batch.duration", "s", "Time to generate one passage batch.");
    }

    public void RecordBatch(string generator, string provider, int passages, int queries, long tokens, int dropped, TimeSpan elapsed)
    {
        var tags = new TagList { { "genq.generator", generator }, { "genq.provider", provider } };
        _passages.Add(passages, tags);
        _queries.Add(queries, tags);
        _tokens.Add(tokens, tags);
        _dropped.Add(dropped, tags);
        _batchLatency.Record(elapsed.TotalSeconds, tags);
    }
}
