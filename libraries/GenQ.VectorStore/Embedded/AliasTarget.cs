namespace GenQ.VectorStore.Embedded;

/// <summary>A published collection an alias points to: its version and the build id of that version.</summary>
internal sealed record AliasTarget(string ModelVersion, string BuildId);
