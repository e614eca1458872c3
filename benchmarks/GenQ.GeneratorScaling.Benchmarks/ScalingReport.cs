using System.Globalization;
using System.Text;

namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>The markdown table: one row per configuration, medians over rounds, ratios to the 1 replica × 2 threads row.</summary>
internal static class ScalingReport
{
    public static string Markdown(string machine, ScalingOptions options, IReadOnlyList<ScalingSample> samples)
    {
        var text = new StringBuilder();
        text.AppendLine(machine);
        text.AppendLine();
        text.AppendLine($"{options.Passages} passages of {options.Collection} per measurement, batches of {options.BatchSize}, " +
            $"{options.QueriesPerPassage} queries per passage of exactly {options.NewTokens} new tokens, {options.Rounds} rounds; " +
            $"model {(options.Tiny ? "tiny (2+2 layers, d_model 32)" : "random T5-base shape (12+12 layers, d_model 768)")}.");
        text.AppendLine();
        text.AppendLine("| Configuration | Passages | Seconds, median (min–max) | Passages/s | Queries/s | vs 1 × 2 | Cores busy | CPU s per passage | Batches per replica, per round | Load (1 min) per round |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        var groups = options.Configurations.Select(c => (Config: c, Samples: samples.Where(s => s.Configuration == c).OrderBy(s => s.Round).ToList()))
            .Where(g => g.Samples.Count > 0)
            .ToList();
        var reference = groups.FirstOrDefault(g => g.Config == new ScalingConfiguration(1, 2));
        var referenceRate = reference.Samples is { Count: > 0 } ? options.Passages / Median(reference.Samples.Select(s => s.Seconds)) : double.NaN;
        foreach (var (config, rows) in groups)
        {
            var seconds = Median(rows.Select(s => s.Seconds));
            var rate = rows[0].Passages / seconds;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {config.Name} | {rows[0].Passages} | {seconds:F1} ({rows.Min(s => s.Seconds):F1}–{rows.Max(s => s.Seconds):F1}) | {rate:F3} | " +
                $"{rate * options.QueriesPerPassage:F2} | {(double.IsNaN(referenceRate) ? "n/a" : (rate / referenceRate).ToString("F2", CultureInfo.InvariantCulture))} | " +
                $"{Median(rows.Select(s => s.CoresBusy)):F2} | {Median(rows.Select(s => s.CpuSeconds.Sum() / s.Passages)):F2} | " +
                $"{string.Join(" / ", rows.Select(s => string.Join("+", s.Batches)))} | {string.Join(" / ", rows.Select(s => s.Load))} |"));
        }

        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
