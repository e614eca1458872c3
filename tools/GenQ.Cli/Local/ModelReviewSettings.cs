namespace GenQ.Cli.Local;

/// <summary>How <see cref="ModelReview"/> tunes and gates: the live model to beat, the gate's margin, the tuning corpus and the device.</summary>
public sealed record ModelReviewSettings(string Live, double GateMargin, bool SwapPositives, bool ExcludeCopies, string Device, int Threads);
