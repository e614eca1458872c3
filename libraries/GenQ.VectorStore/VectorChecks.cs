using System.Numerics.Tensors;

namespace GenQ.VectorStore;

/// <summary>Input checks and normalisation shared by both backends.</summary>
internal static class VectorChecks
{
    /// <summary>Largest vector size accepted (Qdrant's own limit is 65536).</summary>
    public const int MaxDimensions = 65_536;

    public static void ValidateDimensions(int dimensions)
    {
        if (dimensions is < 1 or > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"Vector dimensions must be 1-{MaxDimensions}.");
        }
    }

    public static void ValidateTopK(int topK)
    {
        if (topK is < 1 or > Model.VectorSearchRequest.MaxTopK)
        {
            throw new ArgumentOutOfRangeException("TopK", topK, $"top_k must be 1-{Model.VectorSearchRequest.MaxTopK}.");
        }
    }

    /// <summary>Throws when the vector has the wrong size, a NaN/infinite component or zero length (cosine is undefined).</summary>
    public static void ValidateVector(ReadOnlySpan<float> vector, int dimensions, string what, string paramName)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException($"{what} has {vector.Length} dimensions; the collection has {dimensions}.", paramName);
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException($"{what} has a non-finite value ({vector[i]}) at index {i}.", paramName);
            }
        }

        if (TensorPrimitives.Norm(vector) == 0f)
        {
            throw new ArgumentException($"{what} is all zeros; cosine similarity is undefined for it.", paramName);
        }
    }

    /// <summary>Checks every point before anything is written, so a bad batch is never half applied.</summary>
    public static void ValidatePoints(IReadOnlyList<Model.VectorPoint> points, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i] ?? throw new ArgumentException($"Point {i} is null.", nameof(points));
            if (string.IsNullOrEmpty(point.PassageId))
            {
                throw new ArgumentException($"Point {i} has an empty passage id.", nameof(points));
            }

            if (point.Title is null || point.Text is null)
            {
                throw new ArgumentException($"Point {i} (passage '{point.PassageId}') has a null title or text.", nameof(points));
            }

            ValidateVector(point.Vector.Span, dimensions, $"Point {i} (passage '{point.PassageId}')", nameof(points));
        }
    }

    /// <summary>What every backend checks of a lexical request before searching: corpus name, top k and query text.</summary>
    public static void ValidateLexicalRequest(Model.LexicalSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Naming.IndexNames.ValidateCorpus(request.Corpus, nameof(request.Corpus));
        ValidateTopK(request.TopK);
        ValidateQueryText(request.QueryText);
    }

    /// <summary>
    /// What every backend checks before it creates a version: the names, the vector size and the lexical statistics
    /// (each throws as its own check does, naming the parameter of <c>CreateVersionAsync</c>).
    /// </summary>
    public static void ValidateNewVersion(string corpus, string modelVersion, int dimensions, GenQ.Lexical.LexicalCorpusStatistics? lexical,
        VectorStoreOptions options)
    {
        Naming.IndexNames.ValidateCorpus(corpus);
        Naming.IndexNames.ValidateModelVersion(modelVersion);
        ValidateDimensions(dimensions);
        ValidateLexicalStatistics(lexical, options);
    }

    /// <summary>Throws when a lexical query has no text (the parameter named like the request field).</summary>
    public static void ValidateQueryText(string? queryText)
    {
        if (string.IsNullOrWhiteSpace(queryText))
        {
            throw new ArgumentException("Query text is empty; a lexical search needs words to match.", nameof(Model.LexicalSearchRequest.QueryText));
        }
    }

    /// <summary>Statistics must be counted with the analysis queries will use, and give a usable average length.</summary>
    public static void ValidateLexicalStatistics(GenQ.Lexical.LexicalCorpusStatistics? lexical, VectorStoreOptions options)
    {
        if (lexical is null)
        {
            return;
        }

        if (lexical.Analyzer != options.LexicalAnalyzer)
        {
            throw new ArgumentException(
                $"Lexical statistics were counted with the {lexical.Analyzer} analyzer; {nameof(VectorStoreOptions)}:{nameof(VectorStoreOptions.LexicalAnalyzer)} is {options.LexicalAnalyzer}.",
                nameof(lexical));
        }

        if (!double.IsFinite(lexical.AverageDocumentLength) || lexical.AverageDocumentLength <= 0)
        {
            throw new ArgumentException(
                $"Lexical statistics have an average document length of {lexical.AverageDocumentLength}; it must be positive.", nameof(lexical));
        }
    }

    /// <summary>Writes the L2-normalised <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void Normalize(ReadOnlySpan<float> source, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(source);
        TensorPrimitives.Divide(source, norm, destination);
    }
}
