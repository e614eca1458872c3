using GenQ.Lexical.Index;

namespace GenQ.Lexical.Tests;

/// <summary>
/// The hand-computed corpus. Lucene 4.8 stores a document's length in one byte as 1/sqrt(length) with a 3-bit
/// mantissa, so most lengths are rounded; 4 and 16 (1/2 and 1/4) are encoded exactly, which is why the documents have
/// 4, 16 and 4 terms (no stop words, nothing the English stemmer merges). avgdl = (4 + 16 + 4) / 3 = 8.
/// </summary>
internal static class ThreeDocuments
{
    public static readonly LexicalDocument A = new("a", "apple banana", "cherry date");
    public static readonly LexicalDocument B = new("b", "", "apple apple grape grape kiwi lemon mango melon nectarine olive papaya peach pear plum quince raspberry");
    public static readonly LexicalDocument C = new("c", "fig", "guava honeydew jackfruit");

    public static readonly LexicalDocument[] All = [A, B, C];

    /// <summary>BM25 of one term in one document, in double precision, k1 = 0.9, b = 0.4, N = 3, avgdl = 8.</summary>
    public static double Score(int tf, int documentLength, int documentFrequency)
    {
        const double k1 = 0.9, b = 0.4, n = 3, avgdl = 8;
        var idf = Math.Log(1 + ((n - documentFrequency + 0.5) / (documentFrequency + 0.5)));
        return idf * tf * (k1 + 1) / (tf + (k1 * (1 - b + (b * documentLength / avgdl))));
    }
}
