using GenQ.Lexical.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace GenQ.Lexical.Index;

/// <summary>Search side of <see cref="LuceneLexicalIndex"/>.</summary>
public sealed partial class LuceneLexicalIndex
{
    private static readonly object ClauseLimitGate = new();

    /// <summary>Documents visible to searches (live documents of the last commit).</summary>
    public int DocumentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>
    /// The <paramref name="topK"/> best passages by BM25 for <paramref name="queryText"/>: its analysed terms OR-ed,
    /// each distinct term weighted by how often it occurs in the query (what OR-ing the repeats would give). Ties keep
    /// index order. Empty when no term survives analysis. With <paramref name="includeStoredText"/> the hits carry title
    /// and text — all of them, or only the first <paramref name="storedTextLimit"/> (hybrid search fuses 100 candidates
    /// but shows only its top k, and loading stored text is most of the cost of a long candidate list).
    /// </summary>
    public IReadOnlyList<LexicalHit> Search(string queryText, int topK, bool includeStoredText = false, int? storedTextLimit = null)
    {
        ArgumentNullException.ThrowIfNull(queryText);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var query = BuildQuery(queryText);
        if (query is null)
        {
            return [];
        }

        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(query, topK);
            var hits = new LexicalHit[top.ScoreDocs.Length];
            var textLimit = includeStoredText ? storedTextLimit ?? int.MaxValue : 0;
            var leaves = searcher.IndexReader.Leaves;
            var bytes = new BytesRef();
            for (var i = 0; i < hits.Length; i++)
            {
                var scoreDoc = top.ScoreDocs[i];
                if (i < textLimit)
                {
                    var document = searcher.Doc(scoreDoc.Doc);
                    hits[i] = new LexicalHit(document.Get(LuceneLexicalFields.Id), scoreDoc.Score, document.Get(LuceneLexicalFields.Title),
                        document.Get(LuceneLexicalFields.Text));
                    continue;
                }

                var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
                var ids = leaf.AtomicReader.GetSortedDocValues(LuceneLexicalFields.Id);
                if (ids is null)
                {
                    // An index written before ids had doc values: read the stored id.
                    hits[i] = new LexicalHit(searcher.Doc(scoreDoc.Doc).Get(LuceneLexicalFields.Id), scoreDoc.Score);
                    continue;
                }

                ids.Get(scoreDoc.Doc - leaf.DocBase, bytes);
                hits[i] = new LexicalHit(bytes.Utf8ToString(), scoreDoc.Score);
            }

            return hits;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private BooleanQuery? BuildQuery(string queryText)
    {
        var counts = _analysis.TermCounts(queryText, out _);
        if (counts.Count == 0)
        {
            return null;
        }

        // Long queries (CISI has whole abstracts as queries) can exceed Lucene's default of 1024 clauses; the limit is
        // process-wide, so it only ever grows.
        if (counts.Count > BooleanQuery.MaxClauseCount)
        {
            lock (ClauseLimitGate)
            {
                BooleanQuery.MaxClauseCount = Math.Max(BooleanQuery.MaxClauseCount, counts.Count);
            }
        }

        var query = new BooleanQuery();
        foreach (var (term, count) in counts)
        {
            query.Add(new TermQuery(new Term(LuceneLexicalFields.Content, term)) { Boost = count }, Occur.SHOULD);
        }

        return query;
    }
}
