namespace GenQ.Cli.Tests;

public sealed class GenerateCommandTests(CliTestData data) : IClassFixture<CliTestData>
{
    [Fact]
    public async Task FallbackWritesTheBeirLayoutWithThreeQueriesPerPassage()
    {
        var output = data.NewFolder("fallback");

        var run = (await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", data.CorpusPath, "--out", output)).AssertOk();

        var files = GeneratedFiles.Read(output);
        files.AssertConsistent(data.Passages.ToList());
        Assert.Equal(3 * CliTestData.SliceSize, files.Queries.Count);
        Assert.All(files.Qrels.GroupBy(q => q.PassageId), g => Assert.Equal(3, g.Count()));
        Assert.Equal(data.Passages.Order(), files.Qrels.Select(q => q.PassageId).Distinct().Order());
        Assert.Equal("fallback:inverse-cloze", files.Info.Generator);
        Assert.Equal("none", files.Info.Provider);
        Assert.Equal(CliTestData.SliceSize, files.Info.Passages);
        Assert.Contains($"Wrote {3 * CliTestData.SliceSize} queries", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TinyT5GreedyOutputIsIdenticalForBatchSizesOneAndEight()
    {
        var (one, eight) = (data.NewFolder("greedy1"), data.NewFolder("greedy8"));
        string[] common = ["generate", "--model", data.T5Path, "--corpus", data.CorpusPath, "--greedy", "--max-length", "8", "--provider", "cpu", "--threads", "1"];

        (await CliRun.RunAsync([.. common, "--out", one, "--batch-size", "1"])).AssertOk();
        (await CliRun.RunAsync([.. common, "--out", eight, "--batch-size", "8"])).AssertOk();

        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "gen-queries.jsonl")), File.ReadAllBytes(Path.Combine(eight, "gen-queries.jsonl")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "gen-qrels", "train.tsv")), File.ReadAllBytes(Path.Combine(eight, "gen-qrels", "train.tsv")));
        var files = GeneratedFiles.Read(eight);
        files.AssertConsistent(data.Passages.ToList());
        // Greedy decodes the same sequence three times: one query per passage survives, two duplicates are counted.
        Assert.All(files.Qrels.GroupBy(q => q.PassageId), g => Assert.Single(g));
        Assert.NotEmpty(files.Queries);
        Assert.Equal((3 * CliTestData.SliceSize) - files.Queries.Count, files.Info.DroppedDuplicates + files.Info.DroppedEmpty);
        Assert.Equal("t5:t5-tiny", files.Info.Generator);
        Assert.Equal("CPU", files.Info.Provider, ignoreCase: true);
        Assert.True(files.Info.GeneratedTokens > 0);
    }

    [Fact]
    public async Task TinyT5SamplingWithASeedIsReproducible()
    {
        var (a, b) = (data.NewFolder("sample-a"), data.NewFolder("sample-b"));
        string[] common = ["generate", "--model", data.T5Path, "--corpus", data.CorpusPath, "--max-length", "6", "--seed", "3", "--top-k", "20", "--provider", "cpu"];

        (await CliRun.RunAsync([.. common, "--out", a])).AssertOk();
        (await CliRun.RunAsync([.. common, "--out", b])).AssertOk();

        var files = GeneratedFiles.Read(a);
        files.AssertConsistent(data.Passages.ToList());
        Assert.All(files.Qrels.GroupBy(q => q.PassageId), g => Assert.InRange(g.Count(), 1, 3));
        Assert.Equal(files.Pairs(), GeneratedFiles.Read(b).Pairs());
    }

    [Fact]
    public async Task AnInterruptedRunResumesAndEndsWithTheSameQueries()
    {
        var (straight, resumed) = (data.NewFolder("straight"), data.NewFolder("resumed"));
        string[] common = ["generate", "--model", "fallback", "--corpus", data.CorpusPath, "--seed", "4"];
        (await CliRun.RunAsync([.. common, "--out", straight])).AssertOk();

        // Simulate a crash: passages 1-3 whole, passage 4 with one of its qrels lines, a line cut mid-write in each file.
        (await CliRun.RunAsync([.. common, "--out", resumed])).AssertOk();
        var qrels = File.ReadAllLines(Path.Combine(resumed, "gen-qrels", "train.tsv"));
        File.WriteAllText(Path.Combine(resumed, "gen-qrels", "train.tsv"), string.Join("\n", qrels.Take(11)) + "\ngenQ11\t");
        File.AppendAllText(Path.Combine(resumed, "gen-queries.jsonl"), "{\"_id\": \"genQ99\", \"te");
        var info = File.ReadAllText(Path.Combine(resumed, "generation.json")).Replace("\"complete\": true", "\"complete\": false", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(resumed, "generation.json"), info);

        var run = (await CliRun.RunAsync([.. common, "--out", resumed])).AssertOk();

        var files = GeneratedFiles.Read(resumed);
        files.AssertConsistent(data.Passages.ToList());
        Assert.Equal(3, files.Info.ResumedPassages);
        Assert.Contains("3 already done", run.Error, StringComparison.Ordinal);
        Assert.Equal(GeneratedFiles.Read(straight).Pairs(), files.Pairs());
    }

    [Fact]
    public async Task BadInputExitsWithTwoAndOneClearMessage()
    {
        var corpus = Path.Combine(data.NewFolder("bad"), "corpus.jsonl");
        File.WriteAllText(corpus, "{\"_id\": \"1\", \"text\": \"fine\"}\n\n{\"_id\": \"2\", \"text\": broken\n");

        var malformed = await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", corpus, "--out", data.NewFolder("o1"));
        var missing = await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", corpus + ".nope", "--out", data.NewFolder("o2"));
        var noModel = await CliRun.RunAsync("generate", "--model", "/no/such/t5", "--corpus", corpus, "--out", data.NewFolder("o3"));
        var unknown = await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", corpus, "--out", data.NewFolder("o4"), "--bogus");
        var badValue = await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", corpus, "--out", data.NewFolder("o5"), "--top-p", "1.5");

        Assert.All(new[] { malformed, missing, noModel, unknown, badValue }, r => Assert.Equal(2, r.ExitCode));
        Assert.Contains("line 3: not valid JSON", malformed.Error, StringComparison.Ordinal);
        Assert.Single(malformed.Error.Split("error:")[1..]);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Contains("/no/such/t5", noModel.Error, StringComparison.Ordinal);
        Assert.Contains("bogus", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("TopP", badValue.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpListsEveryOptionWithItsDefault()
    {
        var run = (await CliRun.RunAsync("generate", "--help")).AssertOk();

        foreach (var option in new[] { "--queries-per-passage", "--top-p", "--top-k", "--temperature", "--max-length", "--max-input-tokens", "--greedy", "--seed", "--batch-size", "--threads", "--provider", "--int8" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("0.95", run.Out, StringComparison.Ordinal);
        Assert.Contains("300", run.Out, StringComparison.Ordinal);
    }
}
