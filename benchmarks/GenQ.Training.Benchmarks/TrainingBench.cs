using System.Diagnostics;
using GenQ.Embeddings.Models;
using GenQ.Training.Import;
using GenQ.Training.Losses;
using GenQ.Training.Modeling;
using GenQ.Training.Optimization;
using GenQ.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Benchmarks;

/// <summary>Training throughput of all-MiniLM-L6-v2: forward + backward + AdamW step, pairs per second.</summary>
internal static class TrainingBench
{
    /// <summary>Fixed shapes of issue 4: batch 32, queries of exactly 16 tokens, passages of exactly 128 tokens.</summary>
    public static (double PairsPerSecond, double SecondsPerStep, string Phases, double PairsPerCpuSecond) Synthetic(int steps, double? attentionDropout, ScalarType? autocast = null, int batch = 32, int queryTokens = 16, int passageTokens = 128)
    {
        using var model = SentenceEncoderLoader.FromModelFolder(
            BaseModelLocator.GetMiniLM(), adjust: c => attentionDropout is { } p ? c with { AttentionProbsDropoutProb = p } : c);
        model.train();
        using var optimizer = OptimizerFactory.CreateAdamW(model.Bert, 2e-5, 0.01);
        var loss = new MultipleNegativesRankingLoss(model);
        var random = new Random(0);
        var times = new List<double>();
        var phases = new double[3];
        var cpu = TimeSpan.Zero;
        for (var step = 0; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            var queries = RandomFeatures(random, batch, queryTokens);
            var passages = RandomFeatures(random, batch, passageTokens);
            var clock = Stopwatch.StartNew();
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            optimizer.zero_grad();
            Tensor value;
            using (Autocast.Enable(autocast))
            {
                value = loss.Forward(queries, passages);
            }

            _ = value.item<float>();
            var forward = clock.Elapsed.TotalSeconds;
            value.backward();
            var backward = clock.Elapsed.TotalSeconds;
            nn.utils.clip_grad_norm_(model.Bert.parameters(), 1.0);
            optimizer.step();
            if (step > 0)
            {
                times.Add(clock.Elapsed.TotalSeconds); // step 0 is warm-up (allocator, thread pool)
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
                phases[0] += forward;
                phases[1] += backward - forward;
                phases[2] += clock.Elapsed.TotalSeconds - backward;
            }
        }

        var perStep = times.Average();
        return (batch / perStep, perStep, $"forward {phases[0] / steps:F2} s, backward {phases[1] / steps:F2} s, clip+AdamW {phases[2] / steps:F2} s", batch * steps / cpu.TotalSeconds);
    }

    /// <summary>The shipped <see cref="Trainer"/> on real Cranfield pairs (title as query, abstract as passage).</summary>
    public static (TrainingResult Result, int Pairs, double QueryTokens, double PassageTokens) Cranfield(int steps, int threads, double? attentionDropout, bool bucketing, TrainingPrecision precision = TrainingPrecision.Auto)
    {
        var pairs = EvalData.ReadCorpus("cranfield")
            .Where(d => !string.IsNullOrWhiteSpace(d.Title) && !string.IsNullOrWhiteSpace(d.Text))
            .Take(steps * 32)
            .Select(d => new TrainingPair(d.Title, d.Text))
            .ToList();
        var folder = BaseModelLocator.GetMiniLM();
        var tokenizer = Embeddings.Tokenization.BertWordPieceTokenizer.Create(folder.VocabPath);
        var options = new TrainingOptions { BatchSize = 32, Epochs = 1, CheckpointEverySteps = 0, TorchThreads = threads, LogEverySteps = 1, AttentionDropout = attentionDropout, LengthBucketing = bucketing, Precision = precision };
        var queryTokens = pairs.Average(p => tokenizer.Encode(p.Query, options.MaxQueryLength).Length);
        var passageTokens = pairs.Average(p => tokenizer.Encode(p.Passage, options.MaxPassageLength).Length);
        var output = Directory.CreateTempSubdirectory("genq-bench-").FullName;
        try
        {
            var result = new Trainer(options).Train(pairs, folder.Path, output, runId: "bench");
            return (result, pairs.Count, queryTokens, passageTokens);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static EncoderFeatures RandomFeatures(Random random, int batch, int tokens)
    {
        var ids = new long[batch * tokens];
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < tokens; t++)
            {
                ids[(b * tokens) + t] = t == 0 ? 101 : t == tokens - 1 ? 102 : random.Next(1996, 29000);
            }
        }

        return new EncoderFeatures(
            tensor(ids, [batch, tokens]),          // (batch, tokens)
            ones(batch, tokens, ScalarType.Int64),  // (batch, tokens)
            zeros(batch, tokens, ScalarType.Int64)); // (batch, tokens)
    }
}
