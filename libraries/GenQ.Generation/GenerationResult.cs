namespace GenQ.Generation;

/// <summary>The output of one <see cref="IQueryGenerator.GenerateAsync"/> call, one entry per input passage in input order.</summary>
public sealed record GenerationResult(string Generator, IReadOnlyList<PassageQueries> Passages)
{
    public int QueryCount => Passages.Sum(p => p.Queries.Count);

    public long GeneratedTokens => Passages.Sum(p => p.GeneratedTokens);

    public int DroppedEmpty => Passages.Sum(p => p.DroppedEmpty);

    public int DroppedDuplicates => Passages.Sum(p => p.DroppedDuplicates);
}
