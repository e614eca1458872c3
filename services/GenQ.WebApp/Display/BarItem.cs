namespace GenQ.WebApp.Display;

/// <summary>One bar of a chart: its label and value; <see cref="Highlight"/> marks the chosen one (e.g. the tuned fusion).</summary>
public sealed record BarItem(string Label, double Value, bool Highlight = false);
