using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenQ.Generation.Testing.T5;

namespace GenQ.Generation.Benchmarks;

/// <summary>
/// The PyTorch eager anchor (<c>torch_anchor.py</c>, Debian's python3-torch) as a child process that stays up for the
/// whole bench: it builds the same T5 shape with random weights once, then decodes on request the same passages with
/// the same per-row EOS schedule (handed over in a JSON file), so its runs interleave with GenQ's.
/// </summary>
internal sealed class TorchAnchor : IDisposable
{
    private readonly Process _process;

    private TorchAnchor(Process process, JsonNode ready)
    {
        _process = process;
        Ready = ready;
    }

    /// <summary>The script's first line: torch version, threads, build seconds, its fp32 GEMM GFLOP/s.</summary>
    public JsonNode Ready { get; }

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "torch_anchor.py");

    /// <summary>Starts the script, or returns null with the reason when python3 or torch is not there.</summary>
    public static TorchAnchor? TryStart(string python, T5TestModelSpec spec, IReadOnlyList<long[]> passages, int[] lengths, int queries, int maxNew, int threads, string device, string workFolder, TextWriter log)
    {
        var config = new JsonObject
        {
            ["d_model"] = spec.DModel, ["d_kv"] = spec.DKv, ["d_ff"] = spec.DFf, ["num_layers"] = spec.NumLayers,
            ["num_decoder_layers"] = spec.NumDecoderLayers, ["num_heads"] = spec.NumHeads, ["vocab_size"] = spec.VocabSize,
            ["buckets"] = spec.RelativeAttentionNumBuckets, ["max_distance"] = spec.RelativeAttentionMaxDistance,
            ["eos"] = spec.EosTokenId, ["start"] = spec.DecoderStartTokenId, ["threads"] = threads, ["queries"] = queries,
            ["max_new"] = maxNew, ["top_p"] = 0.95, ["device"] = device,
            ["passages"] = new JsonArray(passages.Select(p => (JsonNode)new JsonArray(p.Select(id => (JsonNode)id).ToArray())).ToArray()),
            ["lengths"] = new JsonArray(lengths.Select(l => (JsonNode)l).ToArray()),
        };
        Directory.CreateDirectory(workFolder);
        var configPath = Path.Combine(workFolder, "torch-anchor-input.json");
        File.WriteAllText(configPath, config.ToJsonString());

        var start = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add(configPath);
        start.Environment["OMP_NUM_THREADS"] = start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.WriteLine($"PyTorch anchor not run: python3 could not start ({e.Message}).");
            return null;
        }

        var first = process.StandardOutput.ReadLine();
        if (first is null || JsonNode.Parse(first) is not { } ready || ready["ready"] is null)
        {
            process.WaitForExit(10_000);
            log.WriteLine($"PyTorch anchor not run: {ScriptPath} exited ({(process.HasExited ? process.ExitCode : -1)}); is python3-torch installed? (apt-get install -y python3-torch)");
            process.Dispose();
            return null;
        }

        return new TorchAnchor(process, ready);
    }

    /// <summary>Decodes passages 0..passages-1 in batches of <paramref name="batch"/>; returns the script's answer.</summary>
    public JsonNode Run(int batch, int passages, bool forced) =>
        Ask(JsonSerializer.Serialize(new { batch, passages, forced }));

    public (double Wall, double PerCpuSecond) GemmGflops()
    {
        var answer = Ask("\"gemm\"");
        return (answer["gemm_gflops"]!.GetValue<double>(), answer["gemm_gflops_cpu"]!.GetValue<double>());
    }

    private JsonNode Ask(string request)
    {
        _process.StandardInput.WriteLine(request);
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The PyTorch anchor exited.");
        return JsonNode.Parse(line)!;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
