using GenQ.Embeddings.Inference;

namespace GenQ.SearchApi.Search;

/// <summary>
/// How <see cref="QueryEncoderCache"/> loads query encoders (bind from configuration section <c>QueryEncoding</c>).
/// Measured in docs/benchmarks/search.md.
/// </summary>
public sealed class QueryEncodingOptions
{
    public const string SectionName = "QueryEncoding";

    /// <summary>
    /// int8 query encoder when the model folder has <c>model.int8.onnx</c> (DynamicInt8Quantizer.WriteInt8Model), else
    /// fp32. On this CPU int8 encodes a query in about a fifth of the fp32 CPU time; Cranfield nDCG@10 changes by < 0.01.
    /// </summary>
    public EncoderPrecision Precision { get; set; } = EncoderPrecision.Int8WhenPresent;

    /// <summary>Threads inside one encoder call; concurrency comes from the requests, so 1 leaves the other cores to index scans.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Query encodings allowed to run at once across all corpora and versions; more wait in arrival order. Default: one
    /// per core. 0: no limit. Without the limit, 32 concurrent clients on 2 cores time-slice 32 encodings and p99 rose to
    /// 180-190 ms against 104-115 ms with it, at equal or better QPS; at 8 clients it is neutral to slightly better
    /// (docs/benchmarks/search.md round 4).
    /// </summary>
    public int MaxConcurrentEncodings { get; set; } = Environment.ProcessorCount;

    /// <summary>Try CUDA first (falls back to CPU with a log line).</summary>
    public bool PreferCuda { get; set; } = true;

    /// <summary>Refuses settings that cannot work, naming the setting (checked when the service starts).</summary>
    public QueryEncodingOptions Validate()
    {
        if (MaxConcurrentEncodings < 0)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxConcurrentEncodings)} must be 0 (no limit) or more, got {MaxConcurrentEncodings}.");
        }

        return this;
    }
}
