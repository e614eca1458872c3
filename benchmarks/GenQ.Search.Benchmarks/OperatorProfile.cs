using System.Text.Json;
using GenQ.Embeddings.Models;
using GenQ.Embeddings.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Search.Benchmarks;

/// <summary>
/// Where an encoder's time goes: ONNX Runtime's own profiler (SessionOptions.EnableProfiling) over padded batches of
/// the benchmark passages, node times summed per operator type.
/// </summary>
internal static class OperatorProfile
{
    public static void Print(string label, ModelFolder folder, IReadOnlyList<string> texts, int batchSize, int threads)
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"genq-profile-{label}-{Guid.NewGuid():N}");
        string file;
        var tokenizer = BertWordPieceTokenizer.Create(folder.VocabPath, folder.Manifest.LowerCase);
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = threads })
        {
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            options.EnableProfiling = true;
            options.ProfileOutputPathPrefix = prefix;
            using var session = new InferenceSession(folder.ModelPath, options);
            for (var start = 0; start < texts.Count; start += batchSize)
            {
                var batch = tokenizer.Pad(texts.Skip(start).Take(batchSize).Select(t => tokenizer.Encode(t, 256)).ToList());
                using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);
                using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);
                using var types = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, batch.Shape);
                using var run = new RunOptions();
                using var outputs = session.Run(run, ["input_ids", "attention_mask", "token_type_ids"], [ids, mask, types], ["last_hidden_state"]);
            }

            file = session.EndProfiling();
        }

        var perOp = new Dictionary<string, double>(StringComparer.Ordinal);
        using (var json = JsonDocument.Parse(File.ReadAllText(file)))
        {
            foreach (var e in json.RootElement.EnumerateArray())
            {
                if (e.GetProperty("cat").GetString() == "Node" && e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal))
                {
                    var op = e.GetProperty("args").GetProperty("op_name").GetString()!;
                    perOp[op] = perOp.GetValueOrDefault(op) + e.GetProperty("dur").GetDouble() / 1000.0;
                }
            }
        }

        File.Delete(file);
        var total = perOp.Values.Sum();
        Console.WriteLine($"{label}: {texts.Count} texts, batch {batchSize}, intra-op threads {threads}: kernel time {total:F0} ms");
        Console.WriteLine("| operator | ms | share |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (op, ms) in perOp.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"| {op} | {ms:F1} | {ms / total:P1} |");
        }
    }
}
