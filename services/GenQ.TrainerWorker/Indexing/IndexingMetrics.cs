using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GenQ.TrainerWorker.Indexing;

/// <summary>Indexing throughput for the dashboard.</summary>
public sealed class IndexingMetrics
{
    public const string MeterName = "GenQ.Indexing";

    private readonly Counter<long> _passages;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _promotions;

    public IndexingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _passages = meter.CreateCounter<long>("genq.indexing.passages", "{passage}", "Passages encoded and written to the index.");
        _duration = meter.CreateHistogram<double>("genq.indexing.duration", "s", "Time to index a corpus with one model version.");
        _promotions = meter.CreateCounter<long>("genq.promotion.decisions", "{decision}",
            "Promotion gate decisions on trained model versions, tagged promoted or kept.");
    }

    public void RecordPassages(int count, string corpus) => _passages.Add(count, new TagList { { "genq.corpus", corpus } });

    public void RecordPromotion(GenQ.Contracts.Runs.PromotionReport report, string corpus) =>
        _promotions.Add(1, new TagList { { "genq.corpus", corpus }, { "genq.promotion.decision", report.Decision } });

    public void RecordIndex(TimeSpan elapsed, string corpus) => _duration.Record(elapsed.TotalSeconds, new TagList { { "genq.corpus", corpus } });
}
