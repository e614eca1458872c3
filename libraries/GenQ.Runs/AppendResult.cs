using GenQ.Contracts.Runs;

namespace GenQ.Runs;

/// <summary>
/// What <see cref="RunStore.CreateAppendRunAsync"/> did: the run it stored, or why it stored nothing (no such corpus, or
/// a passage id the corpus already has).
/// </summary>
public sealed record AppendResult(RunStatus? Run, bool CorpusMissing, string? DuplicateId)
{
    public static AppendResult Missing { get; } = new(null, true, null);

    public static AppendResult Duplicate(string id) => new(null, false, id);
}
