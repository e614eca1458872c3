using System.Text.Json.Serialization;
using GenQ.Contracts.Models;
using GenQ.Contracts.Runs;

namespace GenQ.Embeddings.Models;

/// <summary>
/// The JSON manifest (<c>manifest.json</c>) of a model folder: what the model is, how to tokenize and pool for it,
/// and, for a fine-tuned model, where it came from.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Version of this manifest format; readers reject versions they do not know.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Human name, e.g. <c>all-MiniLM-L6-v2</c> or <c>genq-cranfield</c>.</summary>
    public required string ModelName { get; init; }

    /// <summary>Version of this model in the model store, e.g. <c>base</c> or <c>v0003-20261127T1300Z</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The model this one was fine-tuned from (or its own origin for a base model).</summary>
    public required string BaseModel { get; init; }

    public string? RunId { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    public required int EmbeddingDimension { get; init; }

    /// <summary>Longest token sequence the encoder feeds the model (texts are truncated beyond it).</summary>
    public int MaxSequenceLength { get; init; } = 256;

    public bool LowerCase { get; init; } = true;

    /// <summary>Pooling over token embeddings; only <c>mean</c> (over the attention mask) is supported.</summary>
    public string Pooling { get; init; } = "mean";

    /// <summary>Whether sentence embeddings are L2-normalised (cosine = dot product).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Training settings of a fine-tuned model (name → value, invariant culture).</summary>
    [JsonPropertyName("training")]
    public IReadOnlyDictionary<string, string>? TrainingSettings { get; init; }

    /// <summary>Training metrics of a fine-tuned model (e.g. final loss, pairs/s).</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>
    /// How hybrid search fuses this model with BM25 by default (tuned on held-out synthetic queries); absent in
    /// manifests written before hybrid search and for models never tuned, where hybrid uses RRF k = 60.
    /// </summary>
    public ModelHybridSettings? Hybrid { get; init; }

    /// <summary>
    /// The promotion gate's decision for this version (absent for base models and manifests written before the gate):
    /// whether it went live when it was trained, and the evidence.
    /// </summary>
    public PromotionReport? Promotion { get; init; }

    /// <summary>How the model was quantised; absent for a float model.</summary>
    public ModelQuantization? Quantization { get; init; }

    /// <summary>
    /// Whether the folder holds a quantised model: the typed section, or (manifests written before it existed) the
    /// <c>quantization</c> key those put into the <c>training</c> map.
    /// </summary>
    [JsonIgnore]
    public bool IsQuantized => Quantization is not null || TrainingSettings?.ContainsKey(LegacyQuantizationKey) == true;

    /// <summary>The <c>training</c>-map key that marked a quantised model before the <c>quantization</c> section.</summary>
    public const string LegacyQuantizationKey = "quantization";
}
