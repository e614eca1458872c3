using System.Diagnostics;
using GenQ.Embeddings.Models;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// The fused and unfused graphs compared at the session alone: one fixed batch of 32 x 60 token ids (no padding, no
/// tokenization or pooling), one intra-op thread, the variants alternating run by run. The CPU time of each Run is
/// paired with the neighbouring unfused Run, so the slow phases of a shared machine hit both sides of a ratio.
/// </summary>
internal static class FusionSessionAb
{
    public static void Print(FusionVariants variants, int runs)
    {
        const int batch = 32, tokens = 60;
        var random = new Random(1);
        var ids = Enumerable.Range(0, batch * tokens).Select(i => (long)(i % tokens == 0 ? 101 : random.Next(1000, 20000))).ToArray();
        var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [batch, tokens]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [batch, tokens]);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], [batch, tokens]);
        using var run = new RunOptions();
        var sessions = variants.Folders.Select(v => (v.Name, Session: Open(v.Folder))).ToList();
        try
        {
            double CpuMs(InferenceSession session)
            {
                var cpu0 = Machine.ProcessCpu;
                using var outputs = session.Run(run, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["last_hidden_state"]);
                return (Machine.ProcessCpu - cpu0).TotalMilliseconds;
            }

            sessions.ForEach(s => { CpuMs(s.Session); CpuMs(s.Session); }); // warm-up
            var times = sessions.ToDictionary(s => s.Name, _ => new List<double>());
            for (var i = 0; i < runs; i++)
            {
                foreach (var (name, session) in i % 2 == 0 ? sessions : Enumerable.Reverse(sessions))
                {
                    times[name].Add(CpuMs(session));
                }
            }

            Console.WriteLine();
            Console.WriteLine($"Session only, one batch of {batch} x {tokens} tokens, 1 intra-op thread, {runs} runs per variant alternating (load {Machine.OneMinuteLoad:F1})");
            Console.WriteLine("| variant | median CPU ms per batch | min CPU ms | passages per CPU-second (median) | speed vs unfused, median of paired ratios (quartiles) | runs faster |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            var baseline = times[sessions[0].Name];
            foreach (var (name, _) in sessions)
            {
                var ratios = baseline.Zip(times[name], (u, v) => u / v).Order().ToArray();
                Console.WriteLine($"| {name} | {Quantile(times[name], 0.5):F1} | {times[name].Min():F1} | {batch * 1000 / Quantile(times[name], 0.5):F1} | " +
                    $"{Quantile(ratios, 0.5):F3} ({Quantile(ratios, 0.25):F3}-{Quantile(ratios, 0.75):F3}) | {ratios.Count(r => r > 1)} of {ratios.Length} |");
            }
        }
        finally
        {
            sessions.ForEach(s => s.Session.Dispose());
        }
    }

    private static InferenceSession Open(ModelFolder folder)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return new InferenceSession(folder.ModelPath, options);
    }

    private static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }
}
