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
    public TokenBatch Pad(IReadOnlyList<int[]> encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Count == 0)
        {
            throw new ArgumentException("Cannot build a batch from zero texts.", nameof(encoded));
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
            for (var t = 0; t < seq; t++)
            {
                var real = t < row.Length;
                ids[offset + t] = real ? row[t] : PadTokenId;
                mask[offset + t] = real ? 1 : 0;
            }
        }

        return new TokenBatch(ids, mask, types, encoded.Count, seq);
    }
}
