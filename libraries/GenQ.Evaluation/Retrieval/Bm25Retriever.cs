using GenQ.Contracts.Jobs;
using GenQ.Lexical.Index;

namespace GenQ.Evaluation.Retrieval;

/// <summary>
/// The BM25 baseline: an in-memory <see cref="LuceneLexicalIndex"/> (GenQ.Lexical, the index served search uses) of
/// the corpus, with the analysis and BM25 parameters of <see cref="Bm25Options"/>. The indexed text is title + " " +
/// text (as GenQ.Contracts.Jobs.PassageText.Compose); a query is its analysed terms OR-ed together.
/// </summary>
public sealed class Bm25Retriever : IDisposable
{
    private readonly LuceneLexicalIndex _index;

    public Bm25Retriever(IEnumerable<PassageRecord> corpus, Bm25Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        Options = options ?? new Bm25Options();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Depth, 1);
        _index = LuceneLexicalIndex.CreateInMemory(new LexicalIndexOptions { Analyzer = Options.Analyzer, Parameters = Options.Parameters });
        _index.AddOrReplace(corpus.Select(p => new LexicalDocument(p.Id, p.Title, p.Text)));
        _index.Commit();
    }

    public Bm25Options Options { get; }

    public int DocumentCount => _index.DocumentCount;

    /// <summary>The top <see cref="Bm25Options.Depth"/> passages of one query (empty when no term of it is indexed).</summary>
    public IReadOnlyList<ScoredDocument> Search(string query) =>
        _index.Search(query, Options.Depth).Select(hit => new ScoredDocument(hit.Id, hit.Score)).ToList();

    /// <summary>Runs every query; the result maps query id to its hits.</summary>
    public Dictionary<string, IReadOnlyList<ScoredDocument>> SearchAll(IReadOnlyDictionary<string, string> queries, CancellationToken cancellationToken = default)
    {
        var run = new Dictionary<string, IReadOnlyList<ScoredDocument>>(StringComparer.Ordinal);
        foreach (var (id, text) in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            run[id] = Search(text);
        }

        return run;
    }

    public void Dispose() => _index.Dispose();
}
