using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Hybrid;
using GenQ.Evaluation.Reporting;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid.Fusion;

namespace GenQ.Evaluation.Tests;

public sealed class HybridEvaluatorTests
{
    [Fact]
    public void FusedRunKeepsTheFusionOrderWhereTrecEvalWouldBreakTiesByIdDescending()
    {
        // "a" is dense #1 only and "z" lexical #1 only: equal RRF scores; fusion puts the dense hit first, trec_eval would put "z" first.
        var dense = new Dictionary<string, IReadOnlyList<ScoredDocument>> { ["q"] = [new("a", 0.9)] };
        var lexical = new Dictionary<string, IReadOnlyList<ScoredDocument>> { ["q"] = [new("z", 7)], ["only-lexical"] = [new("b", 1)] };

        var run = HybridEvaluator.Fuse(dense, lexical, FusionSettings.Default, 100);

        Assert.Equal(["a", "z"], run["q"].Select(h => h.DocumentId));
        Assert.Equal([100.0, 99.0], run["q"].Select(h => h.Score));
        Assert.Equal("b", Assert.Single(run["only-lexical"]).DocumentId);
    }

    [Fact]
    public async Task ThreeModesFromOneEncodingWithTheFusionNamedInTheRow()
    {
        var corpus = new List<PassageRecord>
        {
            new("1", "Cooking", "How to bake sourdough bread at home with a starter."),
            new("2", "", "The central bank raised interest rates to fight inflation."),
            new("3", "Football", "The team won the championship final on penalties."),
            new("4", "", "Zyxorbium alloys resist corrosion in seawater."),
        };
        var dataset = new BeirDataset("tiny", corpus,
            new Dictionary<string, string> { ["q1"] = "monetary policy and inflation", ["q2"] = "baking bread", ["q3"] = "zyxorbium" },
            new Dictionary<string, IReadOnlyDictionary<string, int>>
            {
                ["q1"] = new Dictionary<string, int> { ["2"] = 1 },
                ["q2"] = new Dictionary<string, int> { ["1"] = 1 },
                ["q3"] = new Dictionary<string, int> { ["4"] = 1 },
            });
        using var encoder = new CountingEncoder(OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false }));

        var rows = await HybridEvaluator.EvaluateHybridAsync(dataset, encoder, FusionSettings.Default, "zero-shot");
        var passagesEncoded = encoder.TextsEncoded - dataset.Queries.Count;
        var denseOnly = await HybridEvaluator.EvaluateModesAsync(dataset, encoder, await DenseRetriever.EncodeCorpusAsync(encoder, corpus),
            [GenQ.Hybrid.SearchMode.Hybrid], FusionSettings.Weighted(1), "zero-shot");

        Assert.Equal(["dense", "bm25", "hybrid"], rows.Select(r => r.Mode));
        Assert.Equal(["zero-shot", "bm25", "zero-shot"], rows.Select(r => r.System));
        Assert.Equal(corpus.Count, passagesEncoded);
        Assert.Equal("rrf:60", rows[2].Settings![SettingKeys.Fusion]);
        Assert.Equal("hybrid rrf:60", EvaluationReport.ModeCell(rows[2]));
        Assert.All(rows, r => Assert.InRange(r.Metrics.NdcgAt10, 0.5, 1.0));
        // α = 1 is the dense ranking itself.
        Assert.Equal(rows[0].Metrics, Assert.Single(denseOnly).Metrics);
    }
}
