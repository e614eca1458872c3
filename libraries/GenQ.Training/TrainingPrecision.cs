namespace GenQ.Training;

/// <summary>Arithmetic of the training forward/backward pass; weights, optimiser state, checkpoints and exports are float32 in every case.</summary>
public enum TrainingPrecision
{
    /// <summary>Bf16 on a CPU with native bfloat16 (AMX-BF16 or AVX512-BF16), else Fp32; Fp32 on CUDA (see <see cref="Bf16"/>).</summary>
    Auto,

    /// <summary>Everything in float32.</summary>
    Fp32,

    /// <summary>
    /// Mixed precision as <c>torch.autocast(dtype=torch.bfloat16)</c>: Linear layers and attention in bfloat16,
    /// embeddings, residual stream, LayerNorm, pooling and the loss in float32, float32 master weights and AdamW.
    /// On CUDA (Ampere or newer) the same code runs bf16 on tensor cores; that path is not tested here (no CUDA build).
    /// </summary>
    Bf16,
}
