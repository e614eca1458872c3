namespace GenQ.Generation.Testing.T5;

/// <summary>Which decoder files a model folder gets, mirroring the variants Optimum can export.</summary>
public enum T5DecoderLayout
{
    /// <summary>decoder_model.onnx and decoder_with_past_model.onnx.</summary>
    Separate,

    /// <summary>decoder_model_merged.onnx only (one weight copy; a use_cache_branch input picks the branch).</summary>
    Merged,

    /// <summary>All three decoder files, as <c>optimum-cli export onnx --task text2text-generation-with-past</c> writes them.</summary>
    All,
}
