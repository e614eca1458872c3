using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Onnx;

namespace GenQ.Generation.Testing.T5;

/// <summary>
/// Writes a random-weight T5 model folder in the Hugging Face Optimum layout: encoder_model.onnx, the decoder files of
/// the chosen <see cref="T5DecoderLayout"/>, config.json, generation_config.json and (optionally) spiece.model.
/// </summary>
public static class T5TestModelWriter
{
    public const int OpsetVersion = 17;

    public static void Write(string folder, T5TestModelSpec spec, T5DecoderLayout layout, string? sentencePieceModelPath = null)
    {
        Directory.CreateDirectory(folder);
        var weights = new T5RandomWeights(spec);
        Save(Path.Combine(folder, "encoder_model.onnx"), T5EncoderGraph.Build(spec, weights));
        if (layout is T5DecoderLayout.Separate or T5DecoderLayout.All)
        {
            Save(Path.Combine(folder, "decoder_model.onnx"), T5DecoderModels.WithoutPast(spec, weights));
            Save(Path.Combine(folder, "decoder_with_past_model.onnx"), T5DecoderModels.WithPast(spec, weights));
        }

        if (layout is T5DecoderLayout.Merged or T5DecoderLayout.All)
        {
            Save(Path.Combine(folder, "decoder_model_merged.onnx"), T5DecoderModels.Merged(spec, weights));
        }

        WriteText(Path.Combine(folder, "config.json"), Config(spec).ToJsonString(Indented));
        WriteText(Path.Combine(folder, "generation_config.json"), GenerationConfig(spec).ToJsonString(Indented));
        if (sentencePieceModelPath is not null)
        {
            File.Copy(sentencePieceModelPath, Path.Combine(folder, "spiece.model"), overwrite: true);
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Config(T5TestModelSpec spec) => new()
    {
        ["architectures"] = new JsonArray("T5ForConditionalGeneration"),
        ["model_type"] = "t5",
        ["is_encoder_decoder"] = true,
        ["vocab_size"] = spec.VocabSize,
        ["d_model"] = spec.DModel,
        ["d_kv"] = spec.DKv,
        ["d_ff"] = spec.DFf,
        ["num_layers"] = spec.NumLayers,
        ["num_decoder_layers"] = spec.NumDecoderLayers,
        ["num_heads"] = spec.NumHeads,
        ["relative_attention_num_buckets"] = spec.RelativeAttentionNumBuckets,
        ["relative_attention_max_distance"] = spec.RelativeAttentionMaxDistance,
        ["layer_norm_epsilon"] = spec.LayerNormEpsilon,
        ["feed_forward_proj"] = "relu",
        ["tie_word_embeddings"] = spec.TieWordEmbeddings,
        ["pad_token_id"] = spec.PadTokenId,
        ["eos_token_id"] = spec.EosTokenId,
        ["decoder_start_token_id"] = spec.DecoderStartTokenId,
        ["use_cache"] = true,
    };

    public static JsonObject GenerationConfig(T5TestModelSpec spec) => new()
    {
        ["decoder_start_token_id"] = spec.DecoderStartTokenId,
        ["eos_token_id"] = spec.EosTokenId,
        ["pad_token_id"] = spec.PadTokenId,
    };

    private static void Save(string path, GraphProto graph)
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "GenQ.Generation.Testing",
            Graph = graph,
            OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion } },
        };
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            model.WriteTo(stream);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static void WriteText(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
