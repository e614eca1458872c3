namespace GenQ.Generation;

/// <summary>
/// The cleaned queries of one passage, with what clean-up dropped: empty (after trimming) and exact duplicates
/// within the passage. <see cref="GeneratedTokens"/> counts decoder tokens produced for it, EOS included.
/// </summary>
public sealed record PassageQueries(
    string PassageId,
    IReadOnlyList<string> Queries,
    int DroppedEmpty,
    int DroppedDuplicates,
    long GeneratedTokens);
