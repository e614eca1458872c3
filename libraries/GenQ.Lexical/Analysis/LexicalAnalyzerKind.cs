namespace GenQ.Lexical.Analysis;

/// <summary>Which Lucene analysis chain turns text into terms (documents and queries must use the same one).</summary>
public enum LexicalAnalyzerKind
{
    /// <summary>
    /// Lucene's EnglishAnalyzer: StandardTokenizer, English possessive removal, lower case, English stop words, Porter
    /// stemming. The default: it scored higher on the shared collections (docs/benchmarks/lexical.md).
    /// </summary>
    English,

    /// <summary>Lucene's StandardAnalyzer: StandardTokenizer, lower case, English stop words, no stemming.</summary>
    Standard,
}
