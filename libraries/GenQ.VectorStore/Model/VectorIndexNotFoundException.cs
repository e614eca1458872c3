namespace GenQ.VectorStore.Model;

/// <summary>The corpus has no live version, or the named model version does not exist (the search API maps it to 404).</summary>
public sealed class VectorIndexNotFoundException : Exception
{
    public VectorIndexNotFoundException(string corpus, string? modelVersion, string message)
        : base(message)
    {
        Corpus = corpus;
        ModelVersion = modelVersion;
    }

    /// <summary>Corpus that was asked for.</summary>
    public string Corpus { get; }

    /// <summary>Model version that was asked for, or null when the alias (live version) was.</summary>
    public string? ModelVersion { get; }
}
