using System.Text.Json;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Runs;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>
/// Stands in for the trainer worker in fixtures where none runs: encodes a run's stored passages with a registered model
/// version (the same <see cref="PassageText.Compose"/> text the worker's IndexModelHandler embeds) and publishes that
/// version, with none of the worker's tuning, promotion gate, int8 export or progress. Also makes an "adapted" model
/// folder: the base weights with a fine-tune's manifest (training settings, run id, pair count).
/// </summary>
public static class RunIndexer
{
    public static async Task IndexAsync(IServiceProvider services, string corpus, string runId, string modelVersion, bool activate = true)
    {
        var path = await services.GetRequiredService<ModelRegistry>().FindAsync(corpus, modelVersion)
            ?? throw new InvalidOperationException($"model version '{modelVersion}' of '{corpus}' is not registered");
        var passages = await services.GetRequiredService<RunStore>().ReadPassagesAsync(runId);
        var index = services.GetRequiredService<IVectorIndex>();
        using var encoder = OnnxSentenceEncoder.Create(path);
        var vectors = await encoder.EncodeAsync(passages.Select(PassageText.Compose).ToList());
        await index.CreateVersionAsync(corpus, modelVersion, encoder.Dimension);
        await index.UpsertAsync(corpus, modelVersion, passages.Select((p, i) => new VectorPoint(p.Id, p.Title, p.Text, vectors[i])).ToList());
        await index.PublishVersionAsync(corpus, modelVersion, activate);
    }

    /// <summary>Indexes the base version the upload registered (<c>base-{runId}</c>).</summary>
    public static Task IndexBaseAsync(IServiceProvider services, string corpus, string runId) =>
        IndexAsync(services, corpus, runId, $"base-{runId}");

    /// <summary>Copies the base model into <paramref name="folder"/> with a fine-tune's manifest and registers it.</summary>
    /// <param name="edit">Further changes to the fine-tune's manifest (training method, hybrid section, gate decision).</param>
    public static async Task RegisterAdaptedCopyAsync(IServiceProvider services, string corpus, string runId, string modelVersion, string folder, int pairs,
        Func<ModelManifest, ModelManifest>? edit = null)
    {
        var baseModel = services.GetRequiredService<BaseModelProvider>().Folder;
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { ModelFolder.ModelFileName, ModelFolder.VocabFileName })
        {
            File.Copy(Path.Combine(baseModel.Path, file), Path.Combine(folder, file), overwrite: true);
        }
        var manifest = baseModel.Manifest with
        {
            ModelName = $"genq-{baseModel.Manifest.ModelName}",
            Version = modelVersion,
            RunId = runId,
            TrainingSettings = new Dictionary<string, string> { ["epochs"] = "1" },
            Metrics = new Dictionary<string, double> { ["pairs"] = pairs },
        };
        ModelFolder.WriteManifest(folder, edit is null ? manifest : edit(manifest));
        await services.GetRequiredService<ModelRegistry>().RegisterAsync(corpus, modelVersion, folder);
    }

    public static string RunId(string acceptedJson) => JsonDocument.Parse(acceptedJson).RootElement.GetProperty("runId").GetString()!;
}
