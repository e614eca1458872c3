using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Contracts.Runs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Hybrid;
using GenQ.Hybrid.Fusion;
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
        // 60 generated pairs: 6 (10%) held out to tune hybrid search, too few to trust, so the manifest keeps RRF k = 60 and says why.
        Assert.Matches(@"Trained \d+ steps on 54 pairs", train.Out);
        var info = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(model.Path, TrainingInfo.FileName)), CliJsonContext.Default.TrainingInfo)!;
        Assert.Equal(54, info.Pairs);
        Assert.Equal(6, info.HeldOutPairs);
        var hybrid = model.Manifest.Hybrid!;
        Assert.Equal(("rrf", 60, false, 6), (hybrid.Method, hybrid.RrfK!.Value, hybrid.Tuned, hybrid.HeldOutQueries + hybrid.ExcludedCopies));
        Assert.Contains($"only {hybrid.HeldOutQueries} held-out queries (fewer than 20)", train.Out, StringComparison.Ordinal);
        Assert.InRange(info.Steps, 4, 8); // 60 pairs / 16, plus batches the no-duplicates sampler had to split
        Assert.Equal("fallback:inverse-cloze", info.Generator);

        // Six held-out queries cannot show the model is better: the gate keeps the base model, so the store resolves to
        // it (what a service would serve); the kept version is evaluated by naming its folder.
        Assert.Equal(PromotionReport.Kept, model.Manifest.Promotion!.Decision);
        Assert.Contains("Promotion gate: kept against", train.Out, StringComparison.Ordinal);
        Assert.Equal("base", ModelResolver.Resolve(store).Manifest.Version);
        var evaluate = (await CliRun.RunAsync("evaluate", "--model", model.Path, "--data", data.CollectionPath, "--bm25", "--json", "--provider", "cpu")).AssertOk();
        var report = EvaluationReport.FromJson(evaluate.Out);

        var dataset = BeirDataset.Load(data.CollectionPath);
        using var encoder = OnnxSentenceEncoder.Create(model, new OnnxSentenceEncoderOptions { PreferCuda = false });
        var direct = await BeirEvaluator.EvaluateDenseAsync(dataset, encoder, "adapted");
        var bm25 = BeirEvaluator.EvaluateBm25(dataset);
        Assert.Equal(["bm25", "adapted", "adapted"], report.Systems.Select(s => s.System));
        Assert.Equal(["bm25", "dense", "hybrid"], report.Systems.Select(s => s.Mode));
        Assert.Equal(bm25.Metrics, report.Systems[0].Metrics);
        Assert.Equal(direct.Metrics, report.Systems[1].Metrics);
        Assert.Equal(("rrf:60", "manifest"), (report.Systems[2].Settings!["fusion"], report.Systems[2].Settings!["fusionSource"]));
        Assert.Equal("v0001", report.Systems[1].ModelVersion);
        Assert.Equal(54, report.Systems[1].TrainingPairs);
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
        var dataset = BeirDataset.Load(data.CollectionPath);
        var direct = await BeirEvaluator.EvaluateDenseAsync(dataset, encoder, "zero-shot");
        var modes = await HybridEvaluator.EvaluateHybridAsync(dataset, encoder, FusionSettings.Default, "zero-shot");
        var report = EvaluationReport.FromJson(File.ReadAllText(reportPath + ".json"));
        // Default modes: the three rows, each the library's number.
        Assert.Equal(["bm25", "dense", "hybrid"], report.Systems.Select(s => s.Mode));
        Assert.Equal(["bm25", "zero-shot", "zero-shot"], report.Systems.Select(s => s.System));
        Assert.Equal(direct.Metrics, report.Systems[1].Metrics);
        Assert.Equal(modes[0].Metrics, report.Systems[1].Metrics);
        Assert.Equal(modes[1].Metrics, report.Systems[0].Metrics);
        Assert.Equal(modes[2].Metrics, report.Systems[2].Metrics);
        Assert.Equal("default", report.Systems[2].Settings!["fusionSource"]);
        var markdown = File.ReadAllText(reportPath + ".md");
        Assert.Contains("| zero-shot | dense | all-MiniLM-L6-v2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| zero-shot | hybrid rrf:60 | all-MiniLM-L6-v2 |", markdown, StringComparison.Ordinal);
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
