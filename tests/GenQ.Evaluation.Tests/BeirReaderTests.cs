using GenQ.Evaluation.Data;

namespace GenQ.Evaluation.Tests;

public sealed class BeirReaderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    private const string Queries = "{\"_id\": \"q1\", \"text\": \"first\"}\n{\"_id\": \"q2\", \"text\": \"second\"}\n";

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadsAGradedCollectionAndKeepsOnlyJudgedQueries()
    {
        _dir.Write("c/corpus.jsonl", "{\"_id\": \"1\", \"title\": \"T\", \"text\": \"one\"}\n\n{\"_id\": 2, \"text\": \"two\"}\n");
        _dir.Write("c/queries.jsonl", Queries);
        _dir.Write("c/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\t1\t4\nq1\t2\t1\n");

        var dataset = BeirDataset.Load(Path.Combine(_dir.Path, "c"));

        Assert.Equal("c", dataset.Name);
        Assert.Equal(["1", "2"], dataset.Corpus.Select(p => p.Id));
        Assert.Equal("", dataset.Corpus[1].Title);
        Assert.Equal(["q1"], dataset.Queries.Keys);
        Assert.Equal(4, dataset.Qrels["q1"]["1"]);
        Assert.Equal(2, dataset.JudgmentCount);
    }

    [Fact]
    public void InvalidJsonNamesTheFileAndLine()
    {
        var path = _dir.Write("corpus.jsonl", "{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"2\", \"text\": \"b\"}\n{\"_id\": \"3\", \"text\": oops}\n");

        var ex = Assert.Throws<BeirFormatException>(() => BeirReader.ReadCorpus(path));

        Assert.Equal(3, ex.Line);
        Assert.StartsWith($"{path}, line 3: not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"text\": \"no id\"}", "field '_id' is missing or empty")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"_id\": \"1\", \"text\": 5.5e3, \"title\": {}}", "field 'title' must be a string")]
    public void MalformedCorpusLinesAreExplained(string line, string expected)
    {
        var path = _dir.Write("corpus.jsonl", line + "\n");

        var ex = Assert.Throws<BeirFormatException>(() => BeirReader.ReadCorpus(path));

        Assert.Contains("line 1: " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateCorpusIdsAreRejected()
    {
        var path = _dir.Write("corpus.jsonl", "{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"1\", \"text\": \"b\"}\n");

        Assert.Contains("line 2: duplicate _id '1'", Assert.Throws<BeirFormatException>(() => BeirReader.ReadCorpus(path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q1\t1\t1\n", 1, "expected the header")]
    [InlineData("query-id\tcorpus-id\tscore\nq1\t1\t1\nq1\t2\n", 3, "expected 3 tab-separated fields")]
    [InlineData("query-id\tcorpus-id\tscore\nq1\t1\thigh\n", 2, "score 'high' is not an integer")]
    [InlineData("query-id\tcorpus-id\tscore\nq1\t1\t1\nq1\t1\t2\n", 3, "duplicate judgment")]
    public void MalformedQrelsNameTheLine(string content, int line, string expected)
    {
        var path = _dir.Write("qrels/test.tsv", content);

        var ex = Assert.Throws<BeirFormatException>(() => BeirReader.ReadQrels(path));

        Assert.Equal(line, ex.Line);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JudgedQueryWithoutTextAndMissingFilesAreClearErrors()
    {
        _dir.Write("c/corpus.jsonl", "{\"_id\": \"1\", \"text\": \"one\"}\n");
        _dir.Write("c/queries.jsonl", Queries);
        _dir.Write("c/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq9\t1\t1\n");

        var unknown = Assert.Throws<BeirFormatException>(() => BeirDataset.Load(Path.Combine(_dir.Path, "c")));
        var missing = Assert.Throws<FileNotFoundException>(() => BeirDataset.Load(Path.Combine(_dir.Path, "c"), split: "dev"));

        Assert.Contains("query-id 'q9' has judgments but no entry in queries.jsonl", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("qrels", "dev.tsv"), missing.Message, StringComparison.Ordinal);
    }
}
