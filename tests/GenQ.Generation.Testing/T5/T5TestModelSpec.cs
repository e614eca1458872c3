namespace GenQ.Generation.Testing.T5;

/// <summary>
/// Shape and special ids of a random-weight T5 model (the fields of a Hugging Face T5 config.json).
/// </summary>
public sealed record T5TestModelSpec
{
    public int VocabSize { get; init; } = 1000;

    public int DModel { get; init; } = 32;

    public int DKv { get; init; } = 8;

    public int DFf { get; init; } = 64;

    public int NumLayers { get; init; } = 2;

    public int NumDecoderLayers { get; init; } = 2;

    public int NumHeads { get; init; } = 4;

    public int RelativeAttentionNumBuckets { get; init; } = 32;

    public int RelativeAttentionMaxDistance { get; init; } = 128;

    public float LayerNormEpsilon { get; init; } = 1e-6f;

    /// <summary>Tied: logits use the shared embedding scaled by d_model^-0.5 (t5-base); untied: a separate lm_head (T5 v1.1).</summary>
    public bool TieWordEmbeddings { get; init; } = true;

    public int PadTokenId { get; init; }

    public int EosTokenId { get; init; } = 1;

    public int DecoderStartTokenId { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Multiplies the EOS output row, making EOS likely after some prefixes and unlikely after others.</summary>
    public float EosLogitScale { get; init; } = 1f;

    /// <summary>The shape of t5-base / BeIR/query-gen-msmarco-t5-base-v1 (12+12 layers, d_model 768, 12 heads, vocab 32128).</summary>
    public static T5TestModelSpec T5Base { get; } = new()
    {
        VocabSize = 32128, DModel = 768, DKv = 64, DFf = 3072, NumLayers = 12, NumDecoderLayers = 12, NumHeads = 12,
    };

    public int InnerDim => NumHeads * DKv;
}
