using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace GenQ.AppHost.Tests;

/// <summary>What happened when, in seconds from the first mark: written to the test output as it happens and at the end.</summary>
internal sealed class Timeline(ITestOutputHelper output)
{
    private readonly Stopwatch _clock = new();
    private readonly ConcurrentQueue<(TimeSpan At, string What)> _marks = new();

    public void Mark(string what)
    {
        lock (_clock)
        {
            if (!_clock.IsRunning)
            {
                _clock.Start();
            }
        }
        var at = _clock.Elapsed;
        _marks.Enqueue((at, what));
        try
        {
            output.WriteLine($"[{at.TotalSeconds,6:0.0} s] {what}");
        }
        catch (InvalidOperationException)
        {
            // A mark from a continuation after the test ended: the summary has it.
        }
    }

    public void Write()
    {
        output.WriteLine("Timeline (seconds after the upload):");
        foreach (var (at, what) in _marks.OrderBy(m => m.At))
        {
            output.WriteLine($"  {at.TotalSeconds,6:0.0}  {what}");
        }
    }
}
