using GenQ.Cli.Local;
using GenQ.Evaluation.Reporting;

namespace GenQ.Cli.Tests;

/// <summary>Hybrid search in the local commands: evaluate --modes / --fusion auto, search --mode, positive texts of generate.</summary>
public sealed class HybridCommandTests(CliTestData data) : IClassFixture<CliTestData>
{
    [Fact]
    public async Task EvaluateWithAutoFusionTunesOnTheHeldOutGeneratedQueries()
    {
        var generated = data.NewFolder("gen");
        (await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", data.CorpusPath, "--out", generated)).AssertOk();

        var run = (await CliRun.RunAsync("evaluate", "--data", data.CollectionPath, "--modes", "hybrid,dense", "--fusion", "auto",
            "--tune-queries", generated, "--holdout", "0.5", "--keep-copies", "--json", "--provider", "cpu")).AssertOk();

        var report = EvaluationReport.FromJson(run.Out);
        Assert.Equal(["dense", "hybrid"], report.Systems.Select(s => s.Mode));
        var hybrid = report.Systems[1].Settings!;
        Assert.Equal(("tuned", "30", "yes", "0"), (hybrid["fusionSource"], hybrid["tuningQueries"], hybrid["positiveTextSwap"], hybrid["tuningExcludedCopies"]));
        Assert.Matches(@"^(rrf:60|weighted:(0|1|0\.\d))$", hybrid["fusion"]);
        Assert.Contains("tuning fusion on 30 of 60 generated pairs", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoFusionLeavesOutHeldOutQueriesThatCopyTheirPassage()
    {
        var generated = data.NewFolder("gen-copies");
        (await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", data.CorpusPath, "--out", generated)).AssertOk();

        var run = (await CliRun.RunAsync("evaluate", "--data", data.CollectionPath, "--modes", "hybrid", "--fusion", "auto",
            "--tune-queries", generated, "--holdout", "0.5", "--json", "--provider", "cpu")).AssertOk();

        // The fallback's title and key-phrase queries are copied out of the passage: they are not tuned on.
        var hybrid = Assert.Single(EvaluationReport.FromJson(run.Out).Systems).Settings!;
        var (used, copies) = (int.Parse(hybrid["tuningQueries"], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(hybrid["tuningExcludedCopies"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(30, used + copies);
        Assert.True(copies > 0, "no copies found");
        Assert.Contains("copies of their passage left out", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadModesAndFusionAreRejectedNamingTheValue()
    {
        var modes = await CliRun.RunAsync("evaluate", "--data", data.CollectionPath, "--modes", "dense,sparse");
        var fusion = await CliRun.RunAsync("search", "--corpus", data.CorpusPath, "--mode", "hybrid", "--fusion", "weighted:3", "q");
        var auto = await CliRun.RunAsync("evaluate", "--data", data.CollectionPath, "--fusion", "auto");

        Assert.Equal((2, 2, 2), (modes.ExitCode, fusion.ExitCode, auto.ExitCode));
        Assert.Contains("'sparse'", modes.Error, StringComparison.Ordinal);
        Assert.Contains("'weighted:3'", fusion.Error, StringComparison.Ordinal);
        Assert.Contains("--tune-queries", auto.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchModesFindAVerbatimSentenceAndHybridExplainsBothRanks()
    {
        var cache = data.NewFolder("cache");
        var (id, text) = data.PassageTexts.First(p => p.Value.Length > 200);
        var sentence = string.Join(' ', text.Split(' ').Take(30));

        List<SearchHitLine> Hits(CliRun run) => System.Text.Json.JsonSerializer.Deserialize(run.Out, CliJsonContext.Default.ListSearchHitLine)!;
        var bm25 = Hits((await CliRun.RunAsync("search", "--corpus", data.CorpusPath, "--mode", "bm25", "--json", "--top", "3", sentence)).AssertOk());
        var hybrid = Hits((await CliRun.RunAsync("search", "--corpus", data.CorpusPath, "--mode", "hybrid", "--cache-dir", cache,
            "--json", "--top", "3", "--provider", "cpu", sentence)).AssertOk());

        Assert.Equal(id, bm25[0].Id);
        Assert.Equal((1, (int?)null), (bm25[0].Bm25Rank!.Value, bm25[0].DenseRank));
        Assert.Equal(id, hybrid[0].Id);
        Assert.Equal((1, 1), (hybrid[0].DenseRank!.Value, hybrid[0].Bm25Rank!.Value));
        Assert.Equal(2.0 / 61, hybrid[0].Score, 12);
    }

    [Fact]
    public async Task GenerateWritesPositiveTextsThatSurviveAResume()
    {
        var (straight, resumed) = (data.NewFolder("pos-straight"), data.NewFolder("pos-resumed"));
        string[] common = ["generate", "--model", "fallback", "--corpus", data.CorpusPath, "--seed", "4"];
        (await CliRun.RunAsync([.. common, "--out", straight])).AssertOk();
        (await CliRun.RunAsync([.. common, "--out", resumed])).AssertOk();
        var qrels = File.ReadAllLines(Path.Combine(resumed, "gen-qrels", "train.tsv"));
        File.WriteAllText(Path.Combine(resumed, "gen-qrels", "train.tsv"), string.Join("\n", qrels.Take(11)) + "\n");
        File.AppendAllText(Path.Combine(resumed, GenerationLayout.PositivesFileName), "{\"_id\": \"x\", \"te");
        var info = File.ReadAllText(Path.Combine(resumed, "generation.json")).Replace("\"complete\": true", "\"complete\": false", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(resumed, "generation.json"), info);

        (await CliRun.RunAsync([.. common, "--out", resumed])).AssertOk();

        var positives = File.ReadAllLines(Path.Combine(straight, GenerationLayout.PositivesFileName));
        Assert.NotEmpty(positives);
        Assert.Equal(positives.Order(), File.ReadAllLines(Path.Combine(resumed, GenerationLayout.PositivesFileName)).Order());
        // Inverse cloze: a positive is its passage without the query sentence, so it is shorter than the passage.
        var first = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(positives[0])!;
        Assert.True(first["text"].Length < data.PassageTexts[first["_id"]].Length);
    }
}
