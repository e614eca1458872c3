using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Hybrid;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;

namespace GenQ.Evaluation.Tests;

public sealed class HybridTuningTests
{
    [Fact]
    public async Task PositiveTextSwapRemovesBm25sVerbatimAdvantageOnInverseClozeQueries()
    {
        // 120 Cranfield passages without their titles (Cranfield texts open with the title again); 30 inverse-cloze pairs:
        // the longest later sentence is the query, the passage without it the positive text.
        var corpus = BeirReader.ReadCorpus(Path.Combine(EvalData.Collection("cranfield"), "corpus.jsonl")).Take(120).Select(p => p with { Title = "" }).ToList();
        var heldOut = corpus
            .Select(p => (p, sentences: p.Text.Split(" . ", StringSplitOptions.RemoveEmptyEntries)))
            .Where(x => x.sentences.Length >= 3)
            .Select(x => (x.p, x.sentences, query: x.sentences.Skip(1).MaxBy(s => s.Length)!))
            .Where(x => x.query.Split(' ').Length >= 8)
            .Take(30)
            .Select(x => new QueryPassagePair(x.query, x.p.Id, string.Join(" . ", x.sentences.Where(s => s != x.query))))
            .ToList();
        Assert.Equal(30, heldOut.Count);
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false });
        var vectors = await Retrieval.DenseRetriever.EncodeCorpusAsync(encoder, corpus);

        var swapped = await HybridTuning.TuneAsync(corpus, heldOut, encoder, corpusVectors: vectors);
        var verbatim = await HybridTuning.TuneAsync(corpus, heldOut, encoder, new HybridTuningOptions { SwapPositives = false, ExcludeCopies = false }, vectors);
        var copiesLeftOut = await HybridTuning.TuneAsync(corpus, heldOut, encoder, new HybridTuningOptions { SwapPositives = false }, vectors);

        double Bm25Alone(FusionTuningResult r) => r.Candidates.Single(c => c.Settings == FusionSettings.Weighted(0)).MrrAt10;
        Assert.True(swapped.Tuned);
        Assert.Equal(30, swapped.Queries);
        Assert.Equal(12, swapped.Candidates.Count);
        Assert.True(Bm25Alone(verbatim) > 0.9, $"BM25 finds its verbatim sentence: MRR {Bm25Alone(verbatim):F3}");
        Assert.True(Bm25Alone(swapped) < Bm25Alone(verbatim) - 0.1, $"swap {Bm25Alone(swapped):F3} vs verbatim {Bm25Alone(verbatim):F3}");
        // The choice is the best eligible setting (RRF or α ≥ 0.5), or RRF with a note when that one's gain is too small or uncertain.
        var eligibleBest = swapped.Candidates.Where(c => c.Settings.Method == FusionMethod.Rrf || c.Settings.Alpha >= 0.5).Max(c => c.MrrAt10);
        Assert.True(swapped.ChosenMrrAt10 == eligibleBest || (swapped.Chosen == FusionSettings.Default && swapped.Note is not null),
            $"chose {swapped.Chosen} ({swapped.ChosenMrrAt10:F3}), best eligible {eligibleBest:F3}, note {swapped.Note}");
        // Unswapped, every query is a sentence of its own passage: all are copies, none is left to tune on.
        Assert.Equal((0, 30, 0, false), (swapped.ExcludedCopies, copiesLeftOut.ExcludedCopies, copiesLeftOut.Queries, copiesLeftOut.Tuned));
    }
}
