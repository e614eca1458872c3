using System.Runtime;
using GenQ.Generation.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Modeling;

/// <summary>
/// A loaded T5 model folder: tokenizer, config, an encoder session and the decoder sessions for the first step (no
/// past) and the later steps (with past). With the merged decoder both are the same session, driven by use_cache_branch.
/// </summary>
public sealed class T5OnnxModel : IDisposable
{
    private readonly Lazy<InferenceSession> _rowGather;

    private T5OnnxModel(T5ModelFolder folder, T5ModelConfig config, T5SentencePieceTokenizer tokenizer, OnnxSessionFactory sessions)
    {
        Folder = folder;
        Config = config;
        Tokenizer = tokenizer;
        Provider = sessions.ProviderName;
        ProviderReason = sessions.Reason;
        DeviceMemory = sessions.CreateDeviceMemoryInfo();
        _rowGather = new Lazy<InferenceSession>(() => sessions.Open(RowGatherGraph.Build()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public T5ModelFolder Folder { get; }

    public T5ModelConfig Config { get; }

    public T5SentencePieceTokenizer Tokenizer { get; }

    /// <summary>"cuda" or "cpu".</summary>
    public string Provider { get; }

    public string ProviderReason { get; }

    /// <summary>The decoder file(s) in use, e.g. "decoder_model_merged.onnx".</summary>
    public string DecoderFiles => FirstDecoder == PastDecoder
        ? Path.GetFileName(FirstSignature.File)
        : $"{Path.GetFileName(FirstSignature.File)} + {Path.GetFileName(PastSignature.File)}";

    /// <summary>Where the decoder's key/value cache lives between steps: the GPU's memory on CUDA, host memory on CPU.</summary>
    internal OrtMemoryInfo DeviceMemory { get; }

    /// <summary>
    /// Host buffers the decoder's cross-attention cache is kept in between cohorts (CPU), so copies into them do not
    /// fault fresh pages in; keeps up to 1.5 GiB, about 70 T5-base rows' cross-attention keys and values.
    /// </summary>
    internal HostBufferPool HostBuffers { get; } = new(1536L * 1024 * 1024);

    /// <summary><see cref="RowGatherGraph"/> on the model's provider, made on first use.</summary>
    internal InferenceSession RowGather => _rowGather.Value;

    internal InferenceSession Encoder { get; private set; } = null!;

    internal string EncoderInputIds { get; private set; } = null!;

    internal string EncoderAttentionMask { get; private set; } = null!;

    internal string EncoderOutput { get; private set; } = null!;

    internal InferenceSession FirstDecoder { get; private set; } = null!;

    internal DecoderSignature FirstSignature { get; private set; } = null!;

    internal InferenceSession PastDecoder { get; private set; } = null!;

    internal DecoderSignature PastSignature { get; private set; } = null!;

    /// <param name="preferMergedDecoder">with both variants present, load only decoder_model_merged.onnx (one weight copy in memory).</param>
    /// <param name="int8">load the dynamic-int8 <c>*_quantized.onnx</c> graphs (<see cref="GenerationOptions.Int8"/>).</param>
    public static T5OnnxModel Load(string path, ExecutionProviderPreference provider, int intraOpThreads, ILogger logger, bool preferMergedDecoder = true, bool int8 = false)
    {
        var folder = T5ModelFolder.Open(path, int8);
        var config = T5ModelConfig.Load(folder.Path);
        var tokenizer = T5SentencePieceTokenizer.Load(folder.SentencePieceFile);
        var sessions = OnnxSessionFactory.Create(provider, intraOpThreads, logger);
        var model = new T5OnnxModel(folder, config, tokenizer, sessions);
        try
        {
            model.OpenSessions(sessions, preferMergedDecoder || !folder.HasSeparateDecoders);
        }
        catch
        {
            model.Dispose();
            throw;
        }

        GenerationLog.ModelLoaded(logger, folder.Name, config.DecoderLayers, config.NumHeads, config.VocabSize, model.DecoderFiles);
        return model;
    }

    private void OpenSessions(OnnxSessionFactory sessions, bool useMerged)
    {
        Encoder = sessions.Open(Folder.EncoderFile);
        var inputs = Encoder.InputMetadata.Keys.ToList();
        EncoderInputIds = inputs.Contains("input_ids") ? "input_ids" : throw MissingName(Folder.EncoderFile, "input", "input_ids");
        EncoderAttentionMask = inputs.Contains("attention_mask") ? "attention_mask" : throw MissingName(Folder.EncoderFile, "input", "attention_mask");
        EncoderOutput = Encoder.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : Encoder.OutputMetadata.Keys.First();

        var layers = Config.DecoderLayers;
        if (useMerged && Folder.MergedDecoderFile is { } merged)
        {
            // The cached branch's copy of the cross-attention cache is cut at load (MergedDecoderRewrite).
            var rewritten = MergedDecoderRewrite.WithoutCrossCacheCopy(merged, out _);
            FirstDecoder = PastDecoder = rewritten is null ? sessions.Open(merged) : sessions.Open(rewritten);
            if (rewritten is not null)
            {
                // The parsed graph and its bytes (twice the file's size) are garbage now; give the memory back at load,
                // not whenever a later collection gets to it.
                rewritten = null;
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            FirstSignature = PastSignature = DecoderSignature.Read(FirstDecoder, merged, layers);
            if (FirstSignature.UseCacheBranch is null || !FirstSignature.TakesPast)
            {
                throw new InvalidDataException($"'{merged}' lacks the use_cache_branch or past_key_values inputs of a merged decoder.");
            }

            return;
        }

        FirstDecoder = sessions.Open(Folder.DecoderFile!);
        FirstSignature = DecoderSignature.Read(FirstDecoder, Folder.DecoderFile!, layers);
        PastDecoder = sessions.Open(Folder.DecoderWithPastFile!);
        PastSignature = DecoderSignature.Read(PastDecoder, Folder.DecoderWithPastFile!, layers);
        if (FirstSignature.EncoderHiddenStates is null || FirstSignature.Present.Any(p => p.EncoderKey is null))
        {
            throw new InvalidDataException($"'{Folder.DecoderFile}' must take encoder_hidden_states and return present.{{i}}.encoder.* outputs.");
        }

        if (!PastSignature.TakesPast || PastSignature.Past.Any(p => p.EncoderKey is null))
        {
            throw new InvalidDataException($"'{Folder.DecoderWithPastFile}' must take past_key_values.{{i}}.decoder.* and .encoder.* inputs.");
        }
    }

    private static InvalidDataException MissingName(string file, string kind, string name) =>
        new($"'{file}' has no {kind} named '{name}'.");

    public void Dispose()
    {
        Encoder?.Dispose();
        if (PastDecoder != FirstDecoder)
        {
            PastDecoder?.Dispose();
        }

        FirstDecoder?.Dispose();
        if (_rowGather.IsValueCreated)
        {
            _rowGather.Value.Dispose();
        }

        DeviceMemory.Dispose();
    }
}
