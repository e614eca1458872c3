using GenQ.Adaptation.Promotion;
using GenQ.Cli.Infrastructure;
using GenQ.Contracts.Jobs;
using GenQ.Contracts.Runs;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Hybrid;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace GenQ.Cli.Local;

/// <summary>
/// What `genq train` does after export and `genq gate` does for an existing model folder, as the trainer worker does
/// after indexing: tune hybrid fusion on the held-out pairs, then gate the model against the live one on the same
/// held-out passages (<see cref="PromotionGate"/>), and write both into the model's manifest. The corpus is embedded once
/// with the model for both.
/// </summary>
public static class ModelReview
{
    public static async Task<(FusionTuningResult Tuning, PromotionReport Promotion)> TuneAndGateAsync(
        CliConsole console, string modelPath, IReadOnlyList<PassageRecord> corpus, IReadOnlyList<QueryPassagePair> heldOut,
        ModelReviewSettings settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var model = ModelFolder.Open(modelPath);
        var live = ModelResolver.Resolve(settings.Live);
        var provider = string.Equals(settings.Device, "cpu", StringComparison.OrdinalIgnoreCase) ? "cpu" : "auto";
        using var encoder = EncoderFactory.Open(model, provider, 32, settings.Threads, loggers);
        using var liveEncoder = EncoderFactory.Open(live, provider, 32, settings.Threads, loggers);
        var retrieval = new HybridTuningOptions { SwapPositives = settings.SwapPositives, ExcludeCopies = settings.ExcludeCopies };
        FusionTuningResult tuning = null!;
        PromotionReport promotion = null!;
        await console.Status.Status().StartAsync($"tuning hybrid search on {heldOut.Count} held-out queries", async status =>
        {
            var vectors = await DenseRetriever.EncodeCorpusAsync(encoder, corpus, cancellationToken: cancellationToken);
            tuning = await HybridTuning.TuneAsync(corpus, heldOut, encoder, retrieval, vectors, cancellationToken);
            status.Status($"gating the model against {live.Manifest.ModelName} ({live.Manifest.Version})");
            promotion = await PromotionGate.EvaluateAsync(corpus, heldOut,
                new GateModel(model.Manifest.Version, encoder, tuning.Chosen, vectors),
                new GateModel(live.Manifest.Version, liveEncoder, live.Manifest.Hybrid.ToFusionSettingsOrDefault()),
                new PromotionGateOptions { RequiredMargin = settings.GateMargin, Retrieval = retrieval }, cancellationToken: cancellationToken);
        });
        ModelFolder.WriteManifest(modelPath, model.Manifest with { Hybrid = tuning.ToManifestSection(retrieval.SwapPositives), Promotion = promotion });
        return (tuning, promotion);
    }
}
