using System.Text;
using Google.Protobuf;
using Microsoft.ML.Tokenizers;

namespace GenQ.Generation.Tokenization;

/// <summary>
/// T5's SentencePiece Unigram tokenizer on Microsoft.ML.Tokenizers, made to give the reference library's ids:
/// the text is NFKC-normalized with tabs turned into spaces first, and a run of unknown pieces collapses into one
/// &lt;unk&gt; (sentencepiece merges unknown characters; the .NET tokenizer emits one per character).
/// </summary>
public sealed class T5SentencePieceTokenizer
{
    private readonly SentencePieceTokenizer _tokenizer;
    private readonly HashSet<int> _specialIds;

    private T5SentencePieceTokenizer(SentencePieceTokenizer tokenizer, int pieceCount)
    {
        _tokenizer = tokenizer;
        PieceCount = pieceCount;
        _specialIds = [tokenizer.EndOfSentenceId, tokenizer.UnknownId];
        if (tokenizer.Vocabulary.TryGetValue("<pad>", out var pad))
        {
            _specialIds.Add(pad);
        }
    }

    public int EndOfSentenceId => _tokenizer.EndOfSentenceId;

    public int UnknownId => _tokenizer.UnknownId;

    /// <summary>Pieces in the .model file; larger ids (T5's &lt;extra_id_N&gt; and padding rows of the embedding) decode to nothing.</summary>
    public int PieceCount { get; }

    public static T5SentencePieceTokenizer Load(string modelPath)
    {
        var bytes = File.ReadAllBytes(modelPath);
        try
        {
            using var stream = new MemoryStream(SentencePieceModelPatch.WithValidBosId(bytes));
            var tokenizer = SentencePieceTokenizer.Create(stream, false, false);
            var pieceCount = tokenizer.Vocabulary.Values.Max() + 1;
            return new T5SentencePieceTokenizer(tokenizer, pieceCount);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException or IndexOutOfRangeException or InvalidDataException)
        {
            throw new InvalidDataException($"'{modelPath}' is not a readable SentencePiece model: {e.Message}", e);
        }
    }

    /// <summary>Ids of the text without &lt;/s&gt;.</summary>
    public IReadOnlyList<int> EncodeToIds(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC).Replace('\t', ' ');
        var ids = _tokenizer.EncodeToIds(normalized, addBeginningOfSentence: false, addEndOfSentence: false);
        var collapsed = new List<int>(ids.Count);
        foreach (var id in ids)
        {
            if (id == UnknownId && collapsed.Count > 0 && collapsed[^1] == UnknownId)
            {
                continue;
            }

            collapsed.Add(id);
        }

        return collapsed;
    }

    /// <summary>Model input: the ids truncated to <paramref name="maxTokens"/> - 1, then &lt;/s&gt; (Hugging Face truncation=True).</summary>
    public long[] EncodeForModel(string text, int maxTokens)
    {
        var ids = EncodeToIds(text);
        var kept = Math.Min(ids.Count, maxTokens - 1);
        var input = new long[kept + 1];
        for (var i = 0; i < kept; i++)
        {
            input[i] = ids[i];
        }

        input[kept] = EndOfSentenceId;
        return input;
    }

    /// <summary>Text of generated ids, skipping &lt;pad&gt;, &lt;/s&gt;, &lt;unk&gt; and ids beyond the piece table.</summary>
    public string Decode(IEnumerable<long> ids)
    {
        var kept = ids.Where(id => id >= 0 && id < PieceCount && !_specialIds.Contains((int)id)).Select(id => (int)id);
        return _tokenizer.Decode(kept, considerSpecialTokens: false);
    }
}
