using GenQ.Cli.Local;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Reporting;
using GenQ.Training.Tests;

namespace GenQ.Cli.Tests;

/// <summary>generate -> train -> evaluate -> search end to end, in-process through the command app.</summary>
public sealed class PipelineTests(CliTestData data) : IClassFixture<CliTestData>
{
    [Fact]
    public async Task GenerateTrainEvaluateGiveTheLibrarysNumbers()
    {
        var generated = data.NewFolder("gen");
        var store = data.NewFolder("models");
        var tinyBase = TinyBert.CreateBaseFolder(data.NewFolder("tiny-bert"));
        (await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", data.CorpusPath, "--out", generated)).AssertOk();

        var train = (await CliRun.RunAsync("train", "--data", generated, "--corpus", data.CorpusPath, "--base", tinyBase, "--out", store,
            "--batch-size", "16", "--max-query-length", "16", "--max-passage-length", "32", "--threads", "2", "--learning-rate", "1e-3")).AssertOk();

        var model = ModelFolder.Open(Path.Combine(store, "v0001"));
        Assert.NotNull(model.Manifest.TrainingSettings);
        Assert.Matches(@"Trained \d+ steps on 60 pairs", train.Out);
        var info = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(model.Path, TrainingInfo.FileName)), CliJsonContext.Default.TrainingInfo)!;
        Assert.Equal(60, info.Pairs);
        Assert.InRange(info.Steps, 4, 8); // 60 pairs / 16, plus batches the no-duplicates sampler had to split
        Assert.Equal("fallback:inverse-cloze", info.Generator);

        var evaluate = (await CliRun.RunAsync("evaluate", "--model", store, "--data", data.CollectionPath, "--bm25", "--json", "--provider", "cpu")).AssertOk();
        var report = EvaluationReport.FromJson(evaluate.Out);

        var dataset = BeirDataset.Load(data.CollectionPath);
        using var encoder = OnnxSentenceEncoder.Create(model, new OnnxSentenceEncoderOptions { PreferCuda = false });
        var direct = await BeirEvaluator.EvaluateDenseAsync(dataset, encoder, "adapted");
        var bm25 = BeirEvaluator.EvaluateBm25(dataset);
        Assert.Equal(["bm25", "adapted"], report.Systems.Select(s => s.System));
        Assert.Equal(bm25.Metrics, report.Systems[0].Metrics);
        Assert.Equal(direct.Metrics, report.Systems[1].Metrics);
        Assert.Equal("v0001", report.Systems[1].ModelVersion);
        Assert.Equal(60, report.Systems[1].TrainingPairs);
        Assert.Equal("fallback:inverse-cloze", report.Systems[1].Generator);
        Assert.Equal(dataset.Queries.Count, report.Queries);
        Assert.True(report.Systems[0].Metrics.NdcgAt10 > 0);
    }

    [Fact]
    public async Task ZeroShotEvaluationMatchesTheLibraryAndWritesTheReportFiles()
    {
        var reportPath = Path.Combine(data.NewFolder("report"), "time-slice");

        var run = (await CliRun.RunAsync("evaluate", "--data", data.CollectionPath, "--report", reportPath, "--provider", "cpu")).AssertOk();

        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false });
        var direct = await BeirEvaluator.EvaluateDenseAsync(BeirDataset.Load(data.CollectionPath), encoder, "zero-shot");
        var report = EvaluationReport.FromJson(File.ReadAllText(reportPath + ".json"));
        Assert.Equal(direct.Metrics, Assert.Single(report.Systems).Metrics);
        Assert.Equal("zero-shot", report.Systems[0].System);
        Assert.Contains("| zero-shot | all-MiniLM-L6-v2 |", File.ReadAllText(reportPath + ".md"), StringComparison.Ordinal);
        Assert.Contains(direct.Metrics.NdcgAt10.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAndEvaluateRejectBadInputWithExitCodeTwo()
    {
        var empty = data.NewFolder("empty-gen");

        var noData = await CliRun.RunAsync("train", "--data", empty, "--corpus", data.CorpusPath, "--out", data.NewFolder("m"));
        var noModel = await CliRun.RunAsync("evaluate", "--model", "/no/such/model", "--data", data.CollectionPath);
        var noCollection = await CliRun.RunAsync("evaluate", "--data", empty);

        Assert.Equal(2, noData.ExitCode);
        Assert.Contains("run 'genq generate' first", noData.Error, StringComparison.Ordinal);
        Assert.Equal(2, noModel.ExitCode);
        Assert.Contains("/no/such/model", noModel.Error, StringComparison.Ordinal);
        Assert.Equal(2, noCollection.ExitCode);
        Assert.Contains("corpus.jsonl", noCollection.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchFindsThePassageOfASentenceAndCachesTheCorpusEmbeddings()
    {
        var cache = data.NewFolder("cache");
        var (id, text) = data.PassageTexts.First(p => p.Value.Length > 200);
        var sentence = string.Join(' ', text.Split(' ').Take(30));
        string[] args = ["search", "--corpus", data.CorpusPath, "--cache-dir", cache, "--json", "--top", "3", "--provider", "cpu", sentence];

        var first = (await CliRun.RunAsync(args)).AssertOk();
        var second = (await CliRun.RunAsync(args)).AssertOk();

        var hits = System.Text.Json.JsonSerializer.Deserialize(first.Out, CliJsonContext.Default.ListSearchHitLine)!;
        Assert.Equal(3, hits.Count);
        Assert.Equal(id, hits[0].Id);
        Assert.Single(Directory.GetFiles(cache, "*.bin"));
        Assert.Contains("cached in", first.Error, StringComparison.Ordinal);
        Assert.Contains("from cache", second.Error, StringComparison.Ordinal);
        Assert.Equal(first.Out, second.Out);
    }
}
