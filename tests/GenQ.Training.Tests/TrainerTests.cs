using GenQ.Training;

namespace GenQ.Training.Tests;

public sealed class TrainerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _base;

    public TrainerTests() => _base = TinyBert.CreateBaseFolder(_dir.Combine("tiny"));

    [Fact]
    public void LossDecreasesWhenQueriesShareWordsWithPassages()
    {
        var options = TinyBert.FastOptions();
        options.Epochs = 6;
        options.LearningRate = 3e-3;
        var losses = new List<TrainingProgress>();

        var result = new Trainer(options).Train(TinyBert.SyntheticPairs(64), _base, _dir.Combine("store"), progress: new Collect(losses));

        var firstEpoch = losses.Where(p => p.Epoch == 0).Average(p => p.Loss);
        var lastEpoch = losses.Where(p => p.Epoch == 5).Average(p => p.Loss);
        Assert.True(lastEpoch < firstEpoch * 0.75, $"loss {firstEpoch:F3} -> {lastEpoch:F3} did not fall enough");
        Assert.Equal(48, result.Steps);
        Assert.Equal("v0001", result.Model.Manifest.Version);
        Assert.Equal("6", result.Model.Manifest.TrainingSettings!["epochs"]);
        Assert.True(File.Exists(Path.Combine(result.ModelPath, "model.onnx")));
        Assert.Empty(Directory.GetDirectories(_dir.Combine("store", ".checkpoints"))); // removed after a successful export
    }

    [Fact]
    public void EmptyOrTooSmallTrainingSetGivesAClearError()
    {
        var trainer = new Trainer(TinyBert.FastOptions());

        var empty = Assert.Throws<TrainingDataException>(() => trainer.Train([], _base, _dir.Combine("s1")));
        var tiny = Assert.Throws<TrainingDataException>(() => trainer.Train([new TrainingPair("q", "p")], _base, _dir.Combine("s2")));
        var blank = Assert.Throws<TrainingDataException>(() => trainer.Train([new TrainingPair("q", "p"), new TrainingPair(" ", "p2")], _base, _dir.Combine("s3")));

        Assert.Contains("empty", empty.Message, StringComparison.Ordinal);
        Assert.Contains("too small", tiny.Message, StringComparison.Ordinal);
        Assert.Contains("pair 1", blank.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptionsNameTheField()
    {
        var options = TinyBert.FastOptions();
        options.BatchSize = 1;

        var ex = Assert.Throws<ArgumentException>(() => new Trainer(options).Train(TinyBert.SyntheticPairs(8), _base, _dir.Combine("s")));

        Assert.Contains("TrainingOptions.BatchSize", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TrainingPrecision.Fp32)]
    [InlineData(TrainingPrecision.Bf16)]
    public void ResumeAfterASimulatedCrashReachesIdenticalWeights(TrainingPrecision precision)
    {
        var pairs = TinyBert.SyntheticPairs(40);
        var options = TinyBert.FastOptions(); // 5 batches x 2 epochs = 10 steps, checkpoints every 3
        options.Precision = precision;
        var straight = new Trainer(options).Train(pairs, _base, _dir.Combine("straight"), runId: "run");

        var crashAt = 7; // after the checkpoint of step 6: step 7 is lost and redone
        Assert.Throws<SimulatedCrash>(() => new Trainer(options).Train(pairs, _base, _dir.Combine("crashy"), runId: "run", progress: new CrashAt(crashAt)));
        Assert.True(Directory.Exists(_dir.Combine("crashy", ".checkpoints", "run", "step-0000006")));
        var resumed = new Trainer(options).Train(pairs, _base, _dir.Combine("crashy"), runId: "run");

        Assert.Equal(6, resumed.ResumedFromStep);
        Assert.Equal(straight.Steps, resumed.Steps);
        Assert.Equal(straight.FinalLoss, resumed.FinalLoss);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight.ModelPath, "model.onnx")), File.ReadAllBytes(Path.Combine(resumed.ModelPath, "model.onnx")));
        Assert.Equal(precision.ToString().ToLowerInvariant(), resumed.Model.Manifest.TrainingSettings!["precision"]);
    }

    [Fact]
    public void Bf16AndFp32RunsReachDifferentButCloseLosses()
    {
        var pairs = TinyBert.SyntheticPairs(40);
        var fp32 = TinyBert.FastOptions();
        fp32.Precision = TrainingPrecision.Fp32;
        var bf16 = TinyBert.FastOptions();
        bf16.Precision = TrainingPrecision.Bf16;

        var a = new Trainer(fp32).Train(pairs, _base, _dir.Combine("fp32"), runId: "run");
        var b = new Trainer(bf16).Train(pairs, _base, _dir.Combine("bf16"), runId: "run");

        Assert.NotEqual(a.FinalLoss, b.FinalLoss); // bf16 really ran
        Assert.True(Math.Abs(a.FinalLoss - b.FinalLoss) < 0.05 * Math.Abs(a.FinalLoss) + 0.02, $"fp32 loss {a.FinalLoss:F4} vs bf16 {b.FinalLoss:F4}");
        Assert.Equal("fp32", a.Model.Manifest.TrainingSettings!["precision"]);
    }

    [Fact]
    public void ACheckpointIsNotResumedInAnotherPrecision()
    {
        var pairs = TinyBert.SyntheticPairs(40);
        var options = TinyBert.FastOptions();
        options.Precision = TrainingPrecision.Fp32;
        Assert.Throws<SimulatedCrash>(() => new Trainer(options).Train(pairs, _base, _dir.Combine("s"), runId: "run", progress: new CrashAt(4)));
        options.Precision = TrainingPrecision.Bf16;

        var ex = Assert.Throws<InvalidDataException>(() => new Trainer(options).Train(pairs, _base, _dir.Combine("s"), runId: "run"));

        Assert.Contains("other pairs or options", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptCheckpointGivesAClearError()
    {
        var pairs = TinyBert.SyntheticPairs(40);
        var options = TinyBert.FastOptions();
        Assert.Throws<SimulatedCrash>(() => new Trainer(options).Train(pairs, _base, _dir.Combine("s"), runId: "run", progress: new CrashAt(4)));
        var checkpoint = _dir.Combine("s", ".checkpoints", "run", "step-0000003");
        var weights = Path.Combine(checkpoint, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => new Trainer(options).Train(pairs, _base, _dir.Combine("s"), runId: "run"));

        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model.safetensors", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumingOnADifferentBaseModelGivesAClearError()
    {
        var pairs = TinyBert.SyntheticPairs(40);
        var options = TinyBert.FastOptions();
        Assert.Throws<SimulatedCrash>(() => new Trainer(options).Train(pairs, _base, _dir.Combine("s"), runId: "run", progress: new CrashAt(4)));
        var otherBase = TinyBert.CreateBaseFolder(_dir.Combine("other"), seed: 8, TinyBert.Config with { IntermediateSize = 48 });

        var ex = Assert.Throws<InvalidDataException>(() => new Trainer(options).Train(pairs, otherBase, _dir.Combine("s"), runId: "run"));

        Assert.Contains("Base model mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunLeavesNoTensorToTheFinalizer()
    {
        // A worker trains run after run in one process. A tensor handle left to the GC keeps its native storage (an
        // alias of the imported state dict or of the trained weights: ~90 MB each for MiniLM) until a gen2 collection
        // finalizes it, which a worker with a small managed heap rarely has. Counted as the handles a full collection
        // still finalizes after the run (Tensor.TotalCount alone also counts the handles Parameter takes over).
        var pairs = TinyBert.SyntheticPairs(40);
        var options = TinyBert.FastOptions(); // checkpoints every 3 steps, then the export
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var result = new Trainer(options).Train(pairs, _base, _dir.Combine("store"));
        var afterRun = TorchSharp.torch.Tensor.TotalCount;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var finalized = afterRun - TorchSharp.torch.Tensor.TotalCount;

        Assert.True(result.Steps > 0);
        Assert.True(finalized == 0, $"{finalized} tensor handle(s) of the run were left to the finalizer");
    }

    public void Dispose() => _dir.Dispose();

    private sealed class Collect(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => into.Add(value);
    }

    private sealed class CrashAt(int step) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == step)
            {
                throw new SimulatedCrash();
            }
        }
    }

    private sealed class SimulatedCrash : Exception;
}
