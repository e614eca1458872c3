using GenQ.Cli.Commands;
using GenQ.Cli.Local;
using GenQ.Training.Tests;
using GenQ.Training;

namespace GenQ.Cli.Tests;

/// <summary>`genq train --resume` continues the checkpoints an interrupted run left; without it they are discarded.</summary>
public sealed class TrainResumeTests(CliTestData data) : IClassFixture<CliTestData>
{
    [Fact]
    public async Task ResumeContinuesFromTheLastCheckpointAndAFreshRunDiscardsIt()
    {
        var generated = data.NewFolder("gen");
        var tinyBase = TinyBert.CreateBaseFolder(data.NewFolder("tiny-bert"));
        (await CliRun.RunAsync("generate", "--model", "fallback", "--corpus", data.CorpusPath, "--out", generated)).AssertOk();
        var (resumedStore, freshStore) = (data.NewFolder("resumed"), data.NewFolder("fresh"));
        string[] common = ["train", "--data", generated, "--corpus", data.CorpusPath, "--base", tinyBase, "--batch-size", "8",
            "--max-query-length", "16", "--max-passage-length", "32", "--threads", "2", "--checkpoint-every", "2"];
        var settings = new TrainSettings
        {
            Data = generated, Corpus = data.CorpusPath, Base = tinyBase, BatchSize = 8, MaxQueryLength = 16, MaxPassageLength = 32,
            Threads = 2, CheckpointEvery = 2,
        };

        // An earlier `genq train` on the same data and settings that died after step 3 (checkpoint of step 2 on disk).
        foreach (var store in new[] { resumedStore, freshStore })
        {
            var layout = new GenerationLayout(generated);
            Assert.Throws<InvalidOperationException>(() => new Trainer(TrainCommand.ToOptions(settings)).Train(
                TrainCommand.ReadPairs(layout, data.CorpusPath), tinyBase, store, TrainCommand.RunId(layout), new CrashAfter(3)));
        }

        var resumed = (await CliRun.RunAsync([.. common, "--out", resumedStore, "--resume"])).AssertOk();
        var fresh = (await CliRun.RunAsync([.. common, "--out", freshStore])).AssertOk();

        Assert.Contains("resumed from step 2", resumed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("resumed", fresh.Out, StringComparison.Ordinal);
        Assert.Contains("discarding the checkpoints", fresh.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(resumedStore, "v0001", "model.onnx")));
    }

    /// <summary>Stops training by throwing from the progress callback once a step is reached (a crash at that point).</summary>
    private sealed class CrashAfter(int step) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step >= step)
            {
                throw new InvalidOperationException($"simulated crash after step {value.Step}");
            }
        }
    }
}
