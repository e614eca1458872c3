namespace GenQ.Quantization;

/// <summary>Keys a quantised folder adds to its manifest's <c>training</c> settings map.</summary>
public static class ManifestKeys
{
    /// <summary>Present (value <c>dynamic-int8</c>) exactly when the folder holds a quantised model.</summary>
    public const string Method = "quantization";

    public const string Source = "quantization.source";

    public const string SourceVersion = "quantization.sourceVersion";

    public const string SourceSha256 = "quantization.sourceSha256";

    public const string Weights = "quantization.weights";
}
