using GenQ.VectorStore.Model;
using GenQ.VectorStore.Qdrant;

namespace GenQ.VectorStore;

/// <summary>
/// The backend decision, kept apart from DI so it can be tested and logged: Qdrant when
/// <see cref="VectorStoreOptions.QdrantEndpoint"/> or the connection string is set, otherwise the embedded index.
/// </summary>
/// <param name="Kind">Backend to build.</param>
/// <param name="Qdrant">Parsed endpoint when <paramref name="Kind"/> is Qdrant.</param>
/// <param name="DataDirectory">Absolute data directory when <paramref name="Kind"/> is embedded.</param>
/// <param name="Reason">Human-readable reason for the log and the dashboard.</param>
public sealed record VectorIndexSelection(VectorIndexBackendKind Kind, QdrantConnection? Qdrant, string? DataDirectory, string Reason)
{
    /// <summary>Decides the backend from options and the named connection string.</summary>
    /// <param name="options">Bound options.</param>
    /// <param name="connectionString">Value of ConnectionStrings:{connectionName}, if any.</param>
    /// <param name="connectionName">Name of the connection string (for the reason text).</param>
    /// <param name="contentRoot">Base for a relative <see cref="VectorStoreOptions.DataDirectory"/>.</param>
    public static VectorIndexSelection Choose(VectorStoreOptions options, string? connectionString, string connectionName, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.QdrantEndpoint))
        {
            var connection = Parse(options.QdrantEndpoint, options.QdrantApiKey, $"{nameof(VectorStoreOptions)}:{nameof(VectorStoreOptions.QdrantEndpoint)}");
            return new(VectorIndexBackendKind.Qdrant, connection, null,
                $"{nameof(VectorStoreOptions)}:{nameof(VectorStoreOptions.QdrantEndpoint)} is set");
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var connection = Parse(connectionString, options.QdrantApiKey, $"ConnectionStrings:{connectionName}");
            return new(VectorIndexBackendKind.Qdrant, connection, null, $"connection string '{connectionName}' is set");
        }

        var directory = Path.GetFullPath(options.DataDirectory, contentRoot);
        return new(VectorIndexBackendKind.Embedded, null, directory,
            $"no Qdrant endpoint configured (neither {nameof(VectorStoreOptions)}:{nameof(VectorStoreOptions.QdrantEndpoint)} nor connection string '{connectionName}')");
    }

    private static QdrantConnection Parse(string value, string? apiKey, string source)
    {
        try
        {
            return QdrantConnection.Parse(value, apiKey);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{source} is invalid: {ex.Message}", ex);
        }
    }
}
