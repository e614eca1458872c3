using GenQ.Training;
using TorchSharp;

namespace GenQ.Training.Tests;

public sealed class PrecisionSupportTests
{
    [Theory]
    [InlineData(TrainingPrecision.Fp32, DeviceType.CPU, TrainingPrecision.Fp32)]
    [InlineData(TrainingPrecision.Bf16, DeviceType.CPU, TrainingPrecision.Bf16)]
    [InlineData(TrainingPrecision.Bf16, DeviceType.CUDA, TrainingPrecision.Bf16)]
    [InlineData(TrainingPrecision.Auto, DeviceType.CUDA, TrainingPrecision.Fp32)]
    public void ExplicitChoicesAreKeptAndAutoIsFp32OnCuda(TrainingPrecision requested, DeviceType device, TrainingPrecision expected)
        => Assert.Equal(expected, PrecisionSupport.Resolve(requested, device).Precision);

    [Fact]
    public void AutoOnCpuFollowsTheBf16FlagsOfProcCpuinfo()
    {
        var flags = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : string.Empty;
        var native = flags.Contains(" amx_bf16", StringComparison.Ordinal) || flags.Contains(" avx512_bf16", StringComparison.Ordinal);

        var (precision, reason) = PrecisionSupport.Resolve(TrainingPrecision.Auto, DeviceType.CPU);

        Assert.Equal(native ? TrainingPrecision.Bf16 : TrainingPrecision.Fp32, precision);
        Assert.StartsWith("auto", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUndefinedPrecisionNamesTheField()
    {
        var options = TinyBert.FastOptions();
        options.Precision = (TrainingPrecision)7;

        using var dir = new TempDirectory();
        var baseFolder = TinyBert.CreateBaseFolder(dir.Combine("tiny"));

        var ex = Assert.Throws<ArgumentException>(() => new Trainer(options).Train(TinyBert.SyntheticPairs(8), baseFolder, dir.Combine("s")));

        Assert.Contains("TrainingOptions.Precision", ex.Message, StringComparison.Ordinal);
    }
}
