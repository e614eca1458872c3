namespace GenQ.Generation;

/// <summary>Writes the queries a user might type to find each passage.</summary>
public interface IQueryGenerator : IDisposable
{
    /// <summary>What generates, for logs and run metadata: "t5:&lt;model folder&gt;" or "fallback:inverse-cloze".</summary>
    string Name { get; }

    /// <summary>Generates queries for every passage; results come back in input order.</summary>
    Task<GenerationResult> GenerateAsync(IReadOnlyList<PassageInput> passages, CancellationToken cancellationToken);
}
