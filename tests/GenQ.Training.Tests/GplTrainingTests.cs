using System.Numerics.Tensors;
using GenQ.Embeddings.Inference;
using GenQ.Training;
using Microsoft.Extensions.Configuration;

namespace GenQ.Training.Tests;

/// <summary>Trainer support for GPL (MarginMSE on teacher margins) and the step cap.</summary>
public sealed class GplTrainingTests : IDisposable
{
    private const double TeacherMargin = 0.6;
    private readonly TempDirectory _dir = new();
    private readonly string _base;

    public GplTrainingTests() => _base = TinyBert.CreateBaseFolder(_dir.Combine("tiny"));

    [Fact]
    public void AGplRunMovesStudentMarginsTowardsTheTeacherAndRecordsTheMethod()
    {
        var pairs = GplPairs(40);
        var options = TinyBert.FastOptions();
        options.Method = TrainingMethod.MarginMse;
        options.Epochs = 6;
        options.LearningRate = 3e-3;

        var result = new Trainer(options).Train(pairs, _base, _dir.Combine("store"));

        // Measured on the exported ONNX models, independently of the trainer's own loss bookkeeping.
        var before = MeanSquaredMarginError(_base, pairs);
        var after = MeanSquaredMarginError(result.ModelPath, pairs);
        Assert.True(after < before * 0.5, $"squared margin error {before:F4} -> {after:F4} did not halve");
        Assert.Equal("gpl", result.Model.Manifest.TrainingSettings!["method"]);
        Assert.Equal("MarginMSELoss", result.Model.Manifest.TrainingSettings["loss"]);
        Assert.Equal("1", result.Model.Manifest.TrainingSettings["scale"]);
    }

    [Fact]
    public void GplNamesTheFirstPairWithoutANegativeOrAMargin()
    {
        var options = TinyBert.FastOptions();
        options.Method = TrainingMethod.MarginMse;
        var trainer = new Trainer(options);
        var noNegative = GplPairs(8);
        noNegative[5] = noNegative[5] with { HardNegative = null };
        noNegative[6] = noNegative[6] with { TeacherMargin = null };
        var noMargin = GplPairs(8);
        noMargin[3] = noMargin[3] with { TeacherMargin = null };
        var nanMargin = GplPairs(8);
        nanMargin[2] = nanMargin[2] with { TeacherMargin = double.NaN };

        var a = Assert.Throws<TrainingDataException>(() => trainer.Train(noNegative, _base, _dir.Combine("a")));
        var b = Assert.Throws<TrainingDataException>(() => trainer.Train(noMargin, _base, _dir.Combine("b")));
        var c = Assert.Throws<TrainingDataException>(() => trainer.Train(nanMargin, _base, _dir.Combine("c")));

        Assert.Contains("pair 5 has no hard negative", a.Message, StringComparison.Ordinal);
        Assert.Contains("pair 3 has no teacher margin", b.Message, StringComparison.Ordinal);
        Assert.Contains("pair 2 has a teacher margin of NaN", c.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MethodAndTeacherMarginsChangeTheRunFingerprint()
    {
        var pairs = GplPairs(16);
        var changedMargin = pairs.ToList();
        changedMargin[4] = changedMargin[4] with { TeacherMargin = 0.61 };
        TrainingOptions Options(TrainingMethod method)
        {
            var options = TinyBert.FastOptions();
            options.Method = method;
            options.MaxSteps = 1;
            return options;
        }

        // The default run id is derived from the fingerprint that guards checkpoint resumption.
        var mnrl = new Trainer(Options(TrainingMethod.Mnrl)).Train(pairs, _base, _dir.Combine("m")).Model.Manifest.RunId;
        var gpl = new Trainer(Options(TrainingMethod.MarginMse)).Train(pairs, _base, _dir.Combine("g")).Model.Manifest.RunId;
        var gplOtherMargin = new Trainer(Options(TrainingMethod.MarginMse)).Train(changedMargin, _base, _dir.Combine("g2")).Model.Manifest.RunId;
        var gplAgain = new Trainer(Options(TrainingMethod.MarginMse)).Train(pairs, _base, _dir.Combine("g3")).Model.Manifest.RunId;

        Assert.Equal(3, new[] { mnrl, gpl, gplOtherMargin }.Distinct().Count());
        Assert.Equal(gpl, gplAgain);
    }

    [Fact]
    public void MaxStepsStopsAfterThatManyStepsAndFitsTheScheduleToThem()
    {
        var options = TinyBert.FastOptions(); // 40 pairs, batch 8: 5 batches x 2 epochs = 10 steps uncapped
        options.MaxSteps = 4;
        var progress = new List<TrainingProgress>();

        var result = new Trainer(options).Train(TinyBert.SyntheticPairs(40), _base, _dir.Combine("store"), progress: new Collect(progress));

        Assert.Equal(4, result.Steps);
        Assert.Equal(4.0, result.Model.Manifest.Metrics!["steps"]);
        Assert.Equal("4", result.Model.Manifest.TrainingSettings!["maxSteps"]);
        Assert.All(progress, p => Assert.Equal(4, p.TotalSteps));
        // Schedule over 4 steps: warm-up ceil(0.4) = 1 step (factor 0), then linear decay (4 - s) / 3 for s = 1..3.
        // Over the uncapped 10 steps step 2 would run at 8/9 of the rate, not 2/3.
        double[] expected = [0, 1e-3, 2e-3 / 3, 1e-3 / 3];
        Assert.Equal(expected.Length, progress.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], progress[i].LearningRate, 12);
        }
    }

    [Fact]
    public void InvalidMaxStepsNamesTheOption()
    {
        var options = TinyBert.FastOptions();
        options.MaxSteps = 0;

        var ex = Assert.Throws<ArgumentException>(() => new Trainer(options).Train(TinyBert.SyntheticPairs(8), _base, _dir.Combine("s")));

        Assert.Contains("TrainingOptions.MaxSteps", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mnrl", TrainingMethod.Mnrl)]
    [InlineData("gpl", TrainingMethod.MarginMse)]
    [InlineData("GPL", TrainingMethod.MarginMse)]
    [InlineData("MarginMse", TrainingMethod.MarginMse)]
    public void MethodAndMaxStepsBindFromConfiguration(string method, TrainingMethod expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Training:Method"] = method, ["Training:MaxSteps"] = "250" })
            .Build();

        var options = configuration.GetSection("Training").Get<TrainingOptions>()!;

        Assert.Equal(expected, options.Method);
        Assert.Equal(250, options.MaxSteps);
        Assert.Equal(expected == TrainingMethod.Mnrl ? "mnrl" : "gpl", options.Describe()["method"]);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>SyntheticPairs with the next pair's passage as hard negative and a constant teacher margin.</summary>
    private static List<TrainingPair> GplPairs(int count)
    {
        var pairs = TinyBert.SyntheticPairs(count);
        return [.. pairs.Select((p, i) => p with { HardNegative = pairs[(i + 1) % count].Passage, TeacherMargin = TeacherMargin })];
    }

    /// <summary>Mean of (cos(q, pos) − cos(q, neg) − teacher margin)² under the model folder's ONNX encoder.</summary>
    private static double MeanSquaredMarginError(string modelFolder, IReadOnlyList<TrainingPair> pairs)
    {
        using var encoder = OnnxSentenceEncoder.Create(modelFolder, new OnnxSentenceEncoderOptions { PreferCuda = false, IntraOpThreads = 1 });
        var q = encoder.Encode([.. pairs.Select(p => p.Query)]);
        var pos = encoder.Encode([.. pairs.Select(p => p.Passage)]);
        var neg = encoder.Encode([.. pairs.Select(p => p.HardNegative!)]);
        return pairs.Select((p, i) =>
            Math.Pow(TensorPrimitives.CosineSimilarity(q[i], pos[i]) - TensorPrimitives.CosineSimilarity(q[i], neg[i]) - p.TeacherMargin!.Value, 2)).Average();
    }

    private sealed class Collect(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => into.Add(value);
    }
}
