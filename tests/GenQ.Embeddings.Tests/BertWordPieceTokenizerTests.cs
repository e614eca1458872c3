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

    [Fact]
    public void EncodesAPairAsBertDoesWithTypeOneOnTheSecondSegment()
    {
        // bert-base-uncased: [CLS]=101, hello=7592, [SEP]=102, world=2088 (HF tokenizer("hello", "world")).
        var (ids, first) = _tokenizer.EncodePair("Hello", "WORLD", 256);

        var batch = _tokenizer.Pad([ids, _tokenizer.Encode("hello", 256)], [first, 3]);

        Assert.Equal([101, 7592, 102, 2088, 102], ids);
        Assert.Equal(3, first);
        Assert.Equal([0L, 0, 0, 1, 1, /* second row: 3 tokens, then padding */ 0, 0, 0, 0, 0], batch.TokenTypeIds);
    }

    [Fact]
    public void APairIsCutInThePassageFirst()
    {
        var (ids, first) = _tokenizer.EncodePair("hello world", "hello world hello world", 7);
        var (longQuery, longFirst) = _tokenizer.EncodePair("hello world hello world hello", "world", 5);

        Assert.Equal([101, 7592, 2088, 102, 7592, 2088, 102], ids); // the passage keeps the 2 pieces left of the budget
        Assert.Equal(4, first);
        Assert.Equal([101, 7592, 2088, 102, 102], longQuery);       // a query alone over the budget is cut, the passage is empty
        Assert.Equal(4, longFirst);
    }
}
