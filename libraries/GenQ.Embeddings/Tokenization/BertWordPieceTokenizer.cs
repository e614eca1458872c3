using Microsoft.ML.Tokenizers;

namespace GenQ.Embeddings.Tokenization;

/// <summary>
/// BERT WordPiece tokenization shared by training (TorchSharp) and serving (ONNX Runtime), so both see the same ids.
/// Truncation follows Hugging Face: keep the first <c>maxLength - 2</c> word pieces (cutting inside a word if needed),
/// then wrap them in [CLS] ... [SEP].
/// </summary>
public sealed class BertWordPieceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private BertWordPieceTokenizer(BertTokenizer tokenizer, string vocabPath)
    {
        _tokenizer = tokenizer;
        VocabPath = vocabPath;
    }

    public string VocabPath { get; }

    public int ClsTokenId => _tokenizer.ClassificationTokenId;

    public int SepTokenId => _tokenizer.SeparatorTokenId;

    public int PadTokenId => _tokenizer.PaddingTokenId;

    /// <summary>Loads a WordPiece vocabulary (one token per line) such as the <c>vocab.txt</c> of a model folder.</summary>
    public static BertWordPieceTokenizer Create(string vocabPath, bool lowerCase = true)
    {
        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException($"WordPiece vocabulary not found: '{vocabPath}'.", vocabPath);
        }

        try
        {
            var tokenizer = BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = lowerCase });
            return new BertWordPieceTokenizer(tokenizer, vocabPath);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"'{vocabPath}' is not a valid WordPiece vocabulary: {ex.Message}", ex);
        }
    }

    /// <summary>Token ids with [CLS] and [SEP], at most <paramref name="maxLength"/> of them.</summary>
    public int[] Encode(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var pieces = _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var kept = Math.Min(pieces.Count, maxLength - 2);
        var ids = new int[kept + 2];
        ids[0] = ClsTokenId;
        for (var i = 0; i < kept; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[kept + 1] = SepTokenId;
        return ids;
    }

    /// <summary>
    /// A sentence pair as BERT reads it: <c>[CLS] first [SEP] second [SEP]</c>, at most <paramref name="maxLength"/> ids.
    /// The second text (a cross-encoder's passage) is truncated first; the first (the query) only when it alone exceeds
    /// the budget. For queries shorter than the kept passage this equals Hugging Face's <c>longest_first</c>.
    /// </summary>
    /// <returns>The ids and the length of the first segment (<c>[CLS] first [SEP]</c>), whose token type is 0; the rest is 1.</returns>
    public (int[] Ids, int FirstSegmentLength) EncodePair(string first, string second, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 3);
        var a = _tokenizer.EncodeToIds(first, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var b = _tokenizer.EncodeToIds(second, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var budget = maxLength - 3;
        var keptA = Math.Min(a.Count, budget);
        var keptB = Math.Min(b.Count, budget - keptA);
        var ids = new int[keptA + keptB + 3];
        ids[0] = ClsTokenId;
        for (var i = 0; i < keptA; i++)
        {
            ids[i + 1] = a[i];
        }

        ids[keptA + 1] = SepTokenId;
        for (var i = 0; i < keptB; i++)
        {
            ids[keptA + 2 + i] = b[i];
        }

        ids[^1] = SepTokenId;
        return (ids, keptA + 2);
    }

    /// <summary>Tokenizes and pads a batch to its longest member (dynamic padding).</summary>
    public TokenBatch EncodeBatch(IReadOnlyList<string> texts, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encoded = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            encoded[i] = Encode(texts[i], maxLength);
        }

        return Pad(encoded);
    }

    /// <summary>Pads already-encoded sequences to the longest one; padding uses [PAD] with attention mask 0.</summary>
    public TokenBatch Pad(IReadOnlyList<int[]> encoded) => Pad(encoded, firstSegmentLengths: null);

    /// <summary>
    /// Pads already-encoded sequences to the longest one; with <paramref name="firstSegmentLengths"/> (pairs from
    /// <see cref="EncodePair"/>) the real tokens after the first segment get token type 1. Padding has type 0 and mask 0.
    /// </summary>
    public TokenBatch Pad(IReadOnlyList<int[]> encoded, IReadOnlyList<int>? firstSegmentLengths)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Count == 0)
        {
            throw new ArgumentException("Cannot build a batch from zero texts.", nameof(encoded));
        }

        if (firstSegmentLengths is not null && firstSegmentLengths.Count != encoded.Count)
        {
            throw new ArgumentException($"firstSegmentLengths has {firstSegmentLengths.Count} entries for {encoded.Count} sequences.", nameof(firstSegmentLengths));
        }

        var seq = 0;
        foreach (var e in encoded)
        {
            seq = Math.Max(seq, e.Length);
        }

        var ids = new long[encoded.Count * seq];
        var mask = new long[encoded.Count * seq];
        var types = new long[encoded.Count * seq];
        for (var b = 0; b < encoded.Count; b++)
        {
            var row = encoded[b];
            var offset = b * seq;
            var secondSegment = firstSegmentLengths?[b] ?? int.MaxValue;
            for (var t = 0; t < seq; t++)
            {
                var real = t < row.Length;
                ids[offset + t] = real ? row[t] : PadTokenId;
                mask[offset + t] = real ? 1 : 0;
                types[offset + t] = real && t >= secondSegment ? 1 : 0;
            }
        }

        return new TokenBatch(ids, mask, types, encoded.Count, seq);
    }
}
