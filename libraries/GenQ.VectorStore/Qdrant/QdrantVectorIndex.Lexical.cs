using GenQ.VectorStore.Model;
using GenQ.VectorStore.Naming;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace GenQ.VectorStore.Qdrant;

/// <summary>BM25 search on the collection's "bm25" sparse vector (Qdrant Query API, IDF applied by the server).</summary>
public sealed partial class QdrantVectorIndex
{
    public async Task<VectorSearchResult> LexicalSearchAsync(LexicalSearchRequest request, CancellationToken cancellationToken = default)
    {
        VectorChecks.ValidateLexicalRequest(request);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (request.ModelVersion is not null)
        {
            IndexNames.ValidateModelVersion(request.ModelVersion, nameof(request.ModelVersion));
        }

        var target = request.ModelVersion is null ? _names.LiveAlias(request.Corpus) : _names.Collection(request.Corpus, request.ModelVersion);
        var query = QdrantLexical.QueryOf(request.QueryText, _options, out var empty);
        IReadOnlyList<ScoredPoint> points = [];
        try
        {
            if (empty)
            {
                // Only stop words: nothing can match, but an unknown corpus or version must still be reported.
                await _client.CountAsync(target, exact: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                points = await _client.QueryAsync(target, query: query, usingVector: QdrantLexical.SparseVectorName, limit: (ulong)request.TopK,
                    payloadSelector: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw NotFound(request.Corpus, request.ModelVersion);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            throw new InvalidOperationException(
                $"Qdrant rejected the lexical query for corpus '{request.Corpus}' (a collection created before lexical search has no " +
                $"'{QdrantLexical.SparseVectorName}' vector; rebuild it): {ex.Status.Detail}", ex);
        }

        return await ResultAsync(request.Corpus, request.ModelVersion, points, started, cancellationToken).ConfigureAwait(false);
    }
}
