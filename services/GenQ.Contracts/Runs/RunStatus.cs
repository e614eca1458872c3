namespace GenQ.Contracts.Runs;

/// <summary>The state of one run as the API reports it.</summary>
/// <param name="BatchesGenerated">Passage batches whose generated pairs the trainer has stored.</param>
/// <param name="PairsStored">(query, passage) pairs durably stored for training.</param>
public sealed record RunStatus(
    string RunId,
    string Corpus,
    RunStage Stage,
    int PassageCount,
    int BatchCount,
    int BatchesGenerated,
    long PairsStored,
    string? Generator,
    string? ModelVersion,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
