using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Metrics;
using GenQ.Evaluation.Retrieval;

namespace GenQ.Evaluation.Tests;

public sealed class DenseRetrieverTests
{
    [Fact]
    public void ScoresAreExactCosinesRankedLikeTrecEval()
    {
        var retriever = new DenseRetriever(["a", "b", "c", "d"], [[1, 0], [0, 2], [3, 3], [0, 5]], depth: 3);

        var hits = retriever.Search([0, 1]);

        // cos(b) = cos(d) = 1 (tie: "d" first), cos(c) = 0.7071; depth 3 drops a (cos 0).
        Assert.Equal(["d", "b", "c"], hits.Select(h => h.DocumentId));
        Assert.Equal(1.0, hits[0].Score, 6);
        Assert.Equal(Math.Sqrt(0.5), hits[2].Score, 6);
    }

    [Fact]
    public async Task MiniLMFindsTheMatchingPassageAndEmbedsTitlePlusText()
    {
        var corpus = new List<PassageRecord>
        {
            new("1", "Cooking", "How to bake sourdough bread at home with a starter."),
            new("2", "", "The central bank raised interest rates to fight inflation."),
            new("3", "Football", "The team won the championship final on penalties."),
        };
        var dataset = new BeirDataset("tiny", corpus,
            new Dictionary<string, string> { ["q1"] = "monetary policy and inflation", ["q2"] = "baking bread" },
            new Dictionary<string, IReadOnlyDictionary<string, int>>
            {
                ["q1"] = new Dictionary<string, int> { ["2"] = 1 },
                ["q2"] = new Dictionary<string, int> { ["1"] = 1 },
            });
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false });

        var result = await BeirEvaluator.EvaluateDenseAsync(dataset, encoder, "zero-shot");
        var vectors = await DenseRetriever.EncodeCorpusAsync(encoder, corpus);
        var direct = encoder.Encode(["Cooking How to bake sourdough bread at home with a starter."])[0];

        Assert.Equal(1.0, result.Metrics.MrrAt10, 10);
        Assert.Equal("all-MiniLM-L6-v2", result.Model);
        Assert.Equal(direct, vectors[0]);
    }
}
