using System.Text.Json.Nodes;
using GenQ.Generation.Testing.T5;

namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>
/// The random-weight T5 model the workers load: T5-base-shaped (or the 2-layer test spec with --tiny), in the same
/// folders GenQ.Generation.Benchmarks uses, so a model either bench built is reused. Random weights cost what a trained
/// doc2query model of the same shape costs per token; only the query lengths differ (see ScalingWorkload).
/// </summary>
internal static class BenchModel
{
    public static T5TestModelSpec Spec(bool tiny) =>
        tiny ? new T5TestModelSpec { VocabSize = 1000, TieWordEmbeddings = false } : T5TestModelSpec.T5Base;

    public static string Ensure(string folder, T5TestModelSpec spec, TextWriter log)
    {
        var configPath = Path.Combine(folder, "config.json");
        var built = File.Exists(configPath) && File.Exists(Path.Combine(folder, "decoder_model_merged.onnx"))
            && JsonNode.Parse(File.ReadAllText(configPath))!.ToJsonString() == T5TestModelWriter.Config(spec).ToJsonString();
        if (built)
        {
            log.WriteLine($"Reusing model {folder}");
            return folder;
        }

        log.WriteLine($"Building random {spec.NumLayers}+{spec.NumDecoderLayers}-layer d_model {spec.DModel} model in {folder} ...");
        T5TestModelWriter.Write(folder, spec, T5DecoderLayout.Merged, Path.Combine(AppContext.BaseDirectory, "spiece.model"));
        return folder;
    }
}
