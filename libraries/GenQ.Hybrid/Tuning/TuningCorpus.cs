using GenQ.Contracts.Jobs;

namespace GenQ.Hybrid.Tuning;

/// <summary>
/// The passages to index for tuning, and the ids whose text was swapped for a held-out pair's positive text (the
/// dense side re-embeds just those; the lexical side indexes <see cref="Passages"/>).
/// </summary>
public sealed record TuningCorpus(IReadOnlyList<PassageRecord> Passages, IReadOnlySet<string> SwappedIds);
