namespace GenQ.VectorStore.Qdrant;

/// <summary>
/// A Qdrant gRPC endpoint and API key, parsed from either a plain URI (<c>http://host:6334</c>) or an Aspire-style
/// connection string (<c>Endpoint=http://host:6334;Key=secret</c>).
/// </summary>
public sealed record QdrantConnection(Uri Endpoint, string? ApiKey)
{
    /// <summary>Parses <paramref name="value"/>; throws <see cref="FormatException"/> naming the problem.</summary>
    public static QdrantConnection Parse(string value, string? apiKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var trimmed = value.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var plain) && (plain.Scheme == Uri.UriSchemeHttp || plain.Scheme == Uri.UriSchemeHttps))
        {
            return new QdrantConnection(plain, apiKey);
        }

        string? endpoint = null;
        foreach (var part in trimmed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"Qdrant connection string part '{part}' is not key=value.");
            }

            var key = part[..equals].Trim();
            var val = part[(equals + 1)..].Trim();
            if (key.Equals("Endpoint", StringComparison.OrdinalIgnoreCase))
            {
                endpoint = val;
            }
            else if (key.Equals("Key", StringComparison.OrdinalIgnoreCase) || key.Equals("ApiKey", StringComparison.OrdinalIgnoreCase))
            {
                apiKey = val;
            }
        }

        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException("Qdrant connection string needs an http(s) URI or 'Endpoint=http(s)://host:port' (gRPC port, usually 6334).");
        }

        return new QdrantConnection(uri, string.IsNullOrEmpty(apiKey) ? null : apiKey);
    }

    /// <summary>Endpoint without credentials, safe to log.</summary>
    public override string ToString() => Endpoint.GetLeftPart(UriPartial.Authority);
}
