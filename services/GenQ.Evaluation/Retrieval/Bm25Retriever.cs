using GenQ.Contracts.Jobs;
using GenQ.Runs;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace GenQ.Evaluation.Retrieval;

/// <summary>
/// The BM25 baseline on Lucene.NET: one in-memory index of the corpus, one field holding the passage text
/// (title + " " + text, <see cref="PassageText.Compose"/>), <see cref="StandardAnalyzer"/> (lower case, English stop
/// words), <see cref="BM25Similarity"/> with <see cref="Bm25Options"/>. A query is its analysed terms OR-ed together,
/// which is what Lucene's classic query parser builds, without its syntax errors on punctuation.
/// </summary>
public sealed class Bm25Retriever : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string ContentField = "contents";
    private readonly Analyzer _analyzer = new StandardAnalyzer(Version);
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Bm25Options _options;

    public Bm25Retriever(IEnumerable<PassageRecord> corpus, Bm25Options? options = null)
    {
        _options = options ?? new Bm25Options();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Depth, 1);
        var similarity = new BM25Similarity(_options.K1, _options.B);
        var config = new IndexWriterConfig(Version, _analyzer) { Similarity = similarity, OpenMode = OpenMode.CREATE };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var passage in corpus)
            {
                writer.AddDocument(new Document
                {
                    new StringField(IdField, passage.Id, Field.Store.YES),
                    new TextField(ContentField, PassageText.Compose(passage), Field.Store.NO),
                });
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = similarity };
    }

    public Bm25Options Options => _options;

    public int DocumentCount => _reader.NumDocs;

    /// <summary>The top <see cref="Bm25Options.Depth"/> passages of one query (empty when no term of it is indexed).</summary>
    public IReadOnlyList<ScoredDocument> Search(string query)
    {
        var terms = Analyze(query);
        if (terms.Count == 0)
        {
            return [];
        }

        var boolean = new BooleanQuery();
        foreach (var term in terms)
        {
            boolean.Add(new TermQuery(new Term(ContentField, term)), Occur.SHOULD);
        }

        var top = _searcher.Search(boolean, _options.Depth);
        return top.ScoreDocs.Select(hit => new ScoredDocument(_searcher.Doc(hit.Doc).Get(IdField), hit.Score)).ToList();
    }

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

    private List<string> Analyze(string text)
    {
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream(ContentField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        // Long queries (CISI has whole abstracts) can exceed Lucene's default of 1024 clauses.
        if (terms.Count > BooleanQuery.MaxClauseCount)
        {
            BooleanQuery.MaxClauseCount = terms.Count;
        }

        return terms;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
