namespace GenQ.Generation;

/// <summary>
/// Settings of query generation. Defaults follow BEIR's GenQ call of Hugging Face <c>generate</c>: nucleus sampling with
/// top_p 0.95, 3 queries per passage, passages truncated to 300 tokens. Hugging Face adds top_k = 50 unless told
/// otherwise; here top-k is off unless <see cref="TopK"/> is set.
/// </summary>
public sealed record GenerationOptions
{
    public const string SectionName = "Generation";

    public GeneratorKind Generator { get; init; } = GeneratorKind.Auto;

    /// <summary>A folder in the Hugging Face Optimum ONNX layout (encoder_model.onnx, decoder files, config.json, spiece.model).</summary>
    public string? ModelPath { get; init; }

    public int QueriesPerPassage { get; init; } = 3;

    public double TopP { get; init; } = 0.95;

    public int? TopK { get; init; }

    public double Temperature { get; init; } = 1.0;

    public bool Greedy { get; init; }

    public int MaxNewTokens { get; init; } = 64;

    /// <summary>EOS is suppressed until this many tokens were generated (Hugging Face min_new_tokens).</summary>
    public int MinNewTokens { get; init; }

    public int MaxInputTokens { get; init; } = 300;

    /// <summary>Makes sampling reproducible for the same passages and batch size; null draws a fresh seed per call.</summary>
    public int? Seed { get; init; }

    /// <summary>Passages encoded and decoded together (each decoded as <see cref="QueriesPerPassage"/> rows).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    public ExecutionProviderPreference Provider { get; init; } = ExecutionProviderPreference.Auto;

    public DecodingStrategy Decoding { get; init; } = DecodingStrategy.KvCache;

    /// <summary>
    /// Opt-in: load the dynamic-int8 graphs (<c>*_quantized.onnx</c> next to the float ones, written by GenQ.Quantization's
    /// <c>T5DynamicInt8Quantizer</c> or <c>optimum-cli onnxruntime quantize</c>). Faster on CPU; off by default until a
    /// real doc2query model shows the queries keep their quality (see the generation README).
    /// </summary>
    public bool Int8 { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(QueriesPerPassage >= 1, nameof(QueriesPerPassage), "must be at least 1");
        Require(TopP is >= 0 and <= 1, nameof(TopP), "must lie in [0, 1]");
        Require(TopK is null or >= 1, nameof(TopK), "must be at least 1 when set");
        Require(Temperature > 0 || Greedy, nameof(Temperature), "must be positive when sampling");
        Require(MaxNewTokens >= 1, nameof(MaxNewTokens), "must be at least 1");
        Require(MinNewTokens >= 0 && MinNewTokens <= MaxNewTokens, nameof(MinNewTokens), "must lie in [0, MaxNewTokens]");
        Require(MaxInputTokens >= 2, nameof(MaxInputTokens), "must be at least 2 (one token plus </s>)");
        Require(BatchSize >= 1, nameof(BatchSize), "must be at least 1");
        Require(IntraOpThreads >= 0, nameof(IntraOpThreads), "must not be negative");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"GenerationOptions.{name} {rule}.", name);
        }
    }
}
