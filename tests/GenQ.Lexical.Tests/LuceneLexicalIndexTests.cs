using GenQ.Lexical.Analysis;
using GenQ.Lexical.Index;

namespace GenQ.Lexical.Tests;

public sealed class LuceneLexicalIndexTests
{
    [Fact]
    public void CommittedIndexIsFoundAgainAfterReopeningWithItsAnalyzerAndStoredText()
    {
        using var folder = new TempFolder();
        using (var writer = LuceneLexicalIndex.OpenWritable(folder.Path, new LexicalIndexOptions { Analyzer = LexicalAnalyzerKind.Standard }))
        {
            writer.AddOrReplace(ThreeDocuments.All);
            writer.Commit();
        }

        using var reader = LuceneLexicalIndex.OpenReadOnly(folder.Path);

        Assert.Equal(LexicalAnalyzerKind.Standard, reader.Analyzer);
        Assert.Equal(3, reader.DocumentCount);
        var hit = Assert.Single(reader.Search("guava", 5, includeStoredText: true));
        Assert.Equal(new LexicalHit("c", hit.Score, "fig", "guava honeydew jackfruit"), hit);
        Assert.Throws<InvalidOperationException>(() => reader.AddOrReplace([ThreeDocuments.A]));
    }

    [Fact]
    public void ChangesAfterTheLastCommitAreDiscardedOnDispose()
    {
        using var folder = new TempFolder();
        using (var writer = LuceneLexicalIndex.OpenWritable(folder.Path))
        {
            writer.AddOrReplace([ThreeDocuments.A]);
            writer.Commit();
            writer.AddOrReplace([ThreeDocuments.C]);
        }

        using var reader = LuceneLexicalIndex.OpenReadOnly(folder.Path);

        Assert.Equal(1, reader.DocumentCount);
        Assert.Empty(reader.Search("guava", 5));
    }

    [Fact]
    public void ReopeningForWritingAppendsAndTheSameIdReplaces()
    {
        using var folder = new TempFolder();
        using (var writer = LuceneLexicalIndex.OpenWritable(folder.Path))
        {
            writer.AddOrReplace(ThreeDocuments.All);
            writer.Commit();
        }

        using (var writer = LuceneLexicalIndex.OpenWritable(folder.Path))
        {
            writer.AddOrReplace([new LexicalDocument("a", "zebra", "stripes")]);
            writer.Commit();
            Assert.Equal(3, writer.DocumentCount);
            Assert.Empty(writer.Search("cherry", 5));
            Assert.Equal("a", Assert.Single(writer.Search("zebra", 5)).Id);
        }
    }

    [Fact]
    public void AnIndexWrittenWithOneAnalyzerCannotBeExtendedWithAnother()
    {
        using var folder = new TempFolder();
        using (var writer = LuceneLexicalIndex.OpenWritable(folder.Path))
        {
            writer.AddOrReplace([ThreeDocuments.A]);
            writer.Commit();
        }

        var error = Assert.Throws<InvalidOperationException>(() =>
            LuceneLexicalIndex.OpenWritable(folder.Path, new LexicalIndexOptions { Analyzer = LexicalAnalyzerKind.Standard }));
        Assert.Contains("English", error.Message);
    }

    [Fact]
    public void OpeningAFolderWithoutAnIndexReadOnlyNamesTheFolder()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);

        var error = Assert.Throws<DirectoryNotFoundException>(() => LuceneLexicalIndex.OpenReadOnly(folder.Path));
        Assert.Contains(folder.Path, error.Message);
    }

    [Fact]
    public async Task SearchesRunConcurrentlyWithWritesAndCommits()
    {
        using var index = LuceneLexicalIndex.CreateInMemory();
        index.AddOrReplace(ThreeDocuments.All);
        index.Commit();

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                index.AddOrReplace([new LexicalDocument($"n{i}", "", $"kiwi number{i}")]);
                index.Commit();
            }
        });
        Parallel.For(0, 400, _ => Assert.NotEmpty(index.Search("kiwi apple", 10)));
        await writer;

        Assert.Equal(53, index.DocumentCount);
        Assert.Equal(51, index.Search("kiwi", 100).Count);
    }

    [Fact]
    public void WithAStoredTextLimitOnlyTheFirstHitsCarryTextAndEveryHitKeepsItsIdAndScoreAcrossSegments()
    {
        using var index = LuceneLexicalIndex.CreateInMemory();
        for (var i = 0; i < 30; i++)
        {
            // One commit per few documents: several segments, so ids come from more than one leaf's doc values.
            index.AddOrReplace([new LexicalDocument($"d{i}", $"title {i}", string.Join(' ', Enumerable.Repeat("kiwi", i + 1)) + " filler words here")]);
            if (i % 7 == 0)
            {
                index.Commit();
            }
        }
        index.Commit();

        var full = index.Search("kiwi", 20, includeStoredText: true);
        var limited = index.Search("kiwi", 20, includeStoredText: true, storedTextLimit: 5);

        Assert.Equal(full.Select(h => (h.Id, h.Score)), limited.Select(h => (h.Id, h.Score)));
        Assert.All(limited.Take(5), h => Assert.False(string.IsNullOrEmpty(h.Text)));
        Assert.All(limited.Skip(5), h => Assert.Null(h.Text));
        Assert.Equal(full.Take(5).Select(h => h.Text), limited.Take(5).Select(h => h.Text));
    }

    [Fact]
    public void EmptyIdsAreRejected()
    {
        using var index = LuceneLexicalIndex.CreateInMemory();

        var error = Assert.Throws<ArgumentException>(() => index.AddOrReplace([ThreeDocuments.A, new LexicalDocument("", "t", "x")]));
        Assert.Contains("Document 1", error.Message);
    }

    [Fact]
    public void WithoutMergingEachCommitAddsASegmentAndOptimizeMergesThemIntoOne()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 4; i++)
        {
            using var writer = LuceneLexicalIndex.OpenWritable(folder.Path, new LexicalIndexOptions { MergeWhileWriting = false });
            writer.AddOrReplace([new LexicalDocument($"d{i}", "", $"shared word{i}")]);
            writer.Commit();
        }

        Assert.Equal(4, Segments(folder.Path));
        using (var writer = LuceneLexicalIndex.OpenWritable(folder.Path))
        {
            writer.Optimize();
        }

        Assert.Equal(1, Segments(folder.Path));
        using var reader = LuceneLexicalIndex.OpenReadOnly(folder.Path);
        Assert.Equal(4, reader.Search("shared", 10).Count);
    }

    private static int Segments(string path)
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(path);
        var infos = new Lucene.Net.Index.SegmentInfos();
        infos.Read(directory);
        return infos.Count;
    }
}
