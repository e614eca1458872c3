namespace GenQ.Generation.Benchmarks;

/// <summary>One measured configuration: decoding path, batch size, length mode, passages decoded (the first ones of the bench's list).</summary>
internal sealed record BenchConfig(DecoderVariant Strategy, int Batch, LengthMode Lengths, int Passages)
{
    public string Name => $"{BenchReport.Name(Strategy)}, batch {Batch}, {BenchReport.Name(Lengths)}";
}

/// <summary>
/// One run of one configuration: wall seconds, CPU seconds of the decoding process (all threads; on a shared machine
/// wall time includes time the threads waited for a core, CPU time does not), new tokens, peak RSS, load average after
/// it, useful FLOPs (<see cref="GenerationFlops"/>).
/// </summary>
internal sealed record BenchSample(double Seconds, double CpuSeconds, long Tokens, long PeakBytes, string Load, double Flops);

/// <summary>One interleaved round: the GEMM calibrations (per wall second and per CPU second) taken at its start and every configuration's sample.</summary>
internal sealed record BenchRound(int Index, double OrtGemm, double OrtGemmCpu, double TorchGemm, double TorchGemmCpu, Dictionary<BenchConfig, BenchSample> Samples);
