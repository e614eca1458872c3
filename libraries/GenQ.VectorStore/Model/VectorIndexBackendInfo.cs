namespace GenQ.VectorStore.Model;

/// <summary>The backend in use, where it lives and why it was chosen (for logs, dashboards and GET /api/corpora).</summary>
/// <param name="Kind">Embedded or Qdrant.</param>
/// <param name="Location">Data directory or Qdrant endpoint (never the API key).</param>
/// <param name="Reason">Why this backend was selected.</param>
public sealed record VectorIndexBackendInfo(VectorIndexBackendKind Kind, string Location, string Reason);
