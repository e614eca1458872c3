namespace GenQ.Generation;

/// <summary>
/// The cleaned queries of one passage, with what clean-up dropped: empty (after trimming) and exact duplicates
/// within the passage. <see cref="GeneratedTokens"/> counts decoder tokens produced for it, EOS included.
/// <see cref="PositiveText"/> is set only when the generator wants a different positive than the stored passage: the
/// inverse-cloze fallback removes the sentence it used as a query from the positive most of the time.
/// </summary>
public sealed record PassageQueries(
    string PassageId,
    IReadOnlyList<string> Queries,
    int DroppedEmpty,
    int DroppedDuplicates,
    long GeneratedTokens,
    string? PositiveText = null);
