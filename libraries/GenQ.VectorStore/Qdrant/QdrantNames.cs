using GenQ.Contracts.Corpora;

namespace GenQ.VectorStore.Qdrant;

/// <summary>
/// Names GenQ gives collections and aliases in Qdrant (prefix P, default "genq"):
/// <code>
/// P.{corpus}.{version}          collection of one (corpus, model version)
/// P.{corpus}                    live alias: what searches by corpus hit
/// P-previous.{corpus}           alias of the version that was live before (rollback target, kept by pruning)
/// P-ready.{corpus}.{version}    marker alias: the version was completely built and published
/// </code>
/// Readiness and history live in aliases rather than collection metadata so that they change atomically together with
/// the live alias (one UpdateAliases request) and work on any Qdrant version. Corpus names contain no '.', so a
/// collection name splits back into (corpus, version) at its second dot.
/// </summary>
internal sealed class QdrantNames(string prefix)
{
    public string Collection(string corpus, string version) => $"{prefix}.{corpus}.{version}";

    public string LiveAlias(string corpus) => $"{prefix}.{corpus}";

    public string PreviousAlias(string corpus) => $"{prefix}-previous.{corpus}";

    public string ReadyAlias(string corpus, string version) => $"{prefix}-ready.{corpus}.{version}";

    /// <summary>Version of a collection name that belongs to <paramref name="corpus"/>, or null.</summary>
    public string? VersionOf(string corpus, string collectionName)
    {
        var start = $"{prefix}.{corpus}.";
        return collectionName.StartsWith(start, StringComparison.Ordinal) ? collectionName[start.Length..] : null;
    }

    /// <summary>Corpus of a live alias name, or null when the alias is not one.</summary>
    public string? CorpusOfLiveAlias(string aliasName)
    {
        var start = prefix + ".";
        if (!aliasName.StartsWith(start, StringComparison.Ordinal))
        {
            return null;
        }

        var corpus = aliasName[start.Length..];
        return CorpusName.IsValid(corpus) ? corpus : null;
    }
}
