using System.Globalization;
using System.Text.RegularExpressions;

namespace GenQ.WebApp.Display;

/// <summary>
/// The trainer's progress as the run status words it ("step 40/120, loss 0.3100, …, ETA 00:01:10"): the run status has
/// no loss history, so the run page collects these snapshots while it watches and draws the curve from them.
/// </summary>
public sealed partial record TrainingSnapshot(int Step, int TotalSteps, double Loss, string? Eta)
{
    public static TrainingSnapshot? Parse(string? detail)
    {
        if (detail is null || StepAndLoss().Match(detail) is not { Success: true } m)
        {
            return null;
        }
        var eta = EtaPattern().Match(detail);
        return new TrainingSnapshot(
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            eta.Success ? eta.Groups[1].Value : null);
    }

    [GeneratedRegex(@"step (\d+)/(\d+), loss ([0-9.eE+-]+|NaN)")]
    private static partial Regex StepAndLoss();

    [GeneratedRegex(@"ETA (\S+)")]
    private static partial Regex EtaPattern();
}
