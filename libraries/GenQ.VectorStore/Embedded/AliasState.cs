namespace GenQ.VectorStore.Embedded;

/// <summary>Contents of aliases/{corpus}.json: the live collection and the previous one (rollback target).</summary>
internal sealed record AliasState(string Corpus, AliasTarget Live, AliasTarget? Previous, long Generation, DateTimeOffset SwitchedUtc);
