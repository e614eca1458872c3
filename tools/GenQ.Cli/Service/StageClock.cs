using GenQ.Contracts.Runs;

namespace GenQ.Cli.Service;

/// <summary>
/// Wall time per run stage as this client saw it: a stage starts when a poll first shows it and ends when a poll shows
/// a later one. A stage that began and ended between two polls is listed with 0 s (its time counts to the stage
/// before it), so the summary always names every stage the run went through.
/// </summary>
public sealed class StageClock(TimeProvider clock)
{
    private static readonly RunStage[] Pipeline = [RunStage.Ingesting, RunStage.Generating, RunStage.Training, RunStage.Indexing];
    private readonly Dictionary<RunStage, TimeSpan> _seconds = [];
    private readonly long _started = clock.GetTimestamp();
    private RunStage? _current;
    private long _currentSince;

    public StageClock() : this(TimeProvider.System)
    {
    }

    public TimeSpan Total => clock.GetElapsedTime(_started);

    /// <summary>Adds time measured elsewhere (the upload is timed around the HTTP call).</summary>
    public void Add(RunStage stage, TimeSpan elapsed) => _seconds[stage] = _seconds.GetValueOrDefault(stage) + elapsed;

    public void Observe(RunStage stage)
    {
        var now = clock.GetTimestamp();
        if (_current == stage)
        {
            return;
        }
        if (_current is { } current)
        {
            _seconds[current] = _seconds.GetValueOrDefault(current) + clock.GetElapsedTime(_currentSince, now);
        }
        var from = _current is { } c ? Array.IndexOf(Pipeline, c) + 1 : 0;
        // Ready means every stage before it passed; failed says nothing about which ones did.
        var to = stage switch { RunStage.Ready => Pipeline.Length, RunStage.Failed or RunStage.Cancelled => from, _ => Array.IndexOf(Pipeline, stage) };
        for (var i = Math.Max(from, 0); i < to; i++)
        {
            _seconds.TryAdd(Pipeline[i], TimeSpan.Zero);
        }
        _current = stage;
        _currentSince = now;
    }

    /// <summary>Seconds per stage in pipeline order (stages never seen are left out).</summary>
    public IReadOnlyDictionary<string, double> Seconds()
    {
        var result = new Dictionary<string, double>();
        foreach (var stage in Pipeline.Where(_seconds.ContainsKey))
        {
            result[StageNames.Of(stage)] = Math.Round(_seconds[stage].TotalSeconds, 1);
        }
        return result;
    }
}
