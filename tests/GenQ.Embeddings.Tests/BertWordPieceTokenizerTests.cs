using GenQ.Embeddings.Tokenization;

namespace GenQ.Embeddings.Tests;

public sealed class BertWordPieceTokenizerTests(BaseModelFixture fixture) : IClassFixture<BaseModelFixture>
{
    private readonly BertWordPieceTokenizer _tokenizer = BertWordPieceTokenizer.Create(fixture.Folder.VocabPath);

    [Fact]
    public void AddsClsAndSepAndLowercases()
    {
        // Ids of bert-base-uncased / all-MiniLM-L6-v2: [CLS]=101, hello=7592, world=2088, [SEP]=102.
        Assert.Equal([101, 7592, 2088, 102], _tokenizer.Encode("Hello WORLD", 256));
    }

    [Fact]
    public void TruncatesInsideWordsAndKeepsSep()
    {
        var full = _tokenizer.Encode("unbelievably transformational tokenization", 256);
        var cut = _tokenizer.Encode("unbelievably transformational tokenization", 5);

        Assert.Equal(5, cut.Length);
        Assert.Equal(full[..4], cut[..4]);
        Assert.Equal(102, cut[^1]);
    }

    [Fact]
    public void PadsToLongestWithMaskZero()
    {
        var batch = _tokenizer.EncodeBatch(["a", "a b c"], 256);

        Assert.Equal(2, batch.BatchSize);
        Assert.Equal(5, batch.SequenceLength);
        Assert.Equal([1L, 1, 1, 0, 0], batch.AttentionMask[..5]);
        Assert.Equal(0L, batch.InputIds[3]);
        Assert.Equal(8L, batch.RealTokenCount);
    }
}
