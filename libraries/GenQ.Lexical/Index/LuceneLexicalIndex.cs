using GenQ.Contracts.Jobs;
using GenQ.Lexical.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace GenQ.Lexical.Index;

/// <summary>
/// A Lucene.NET BM25 index of passages (id, title, text), on disk (MMapDirectory on 64-bit) or in RAM. Writable
/// instances add or replace passages by id; changes become searchable and durable at <see cref="Commit"/>.
/// Read-only instances open the last commit of an on-disk index (e.g. after a restart) and take their analysis from
/// it. Disposing a writable index without <see cref="Commit"/> discards the changes since the last commit.
/// <see cref="Search"/> is thread-safe and may run while another thread writes: each search holds a reference to
/// one point-in-time reader (Lucene reference counting), so disposing the index never breaks a search in flight.
/// </summary>
public sealed partial class LuceneLexicalIndex : IDisposable
{
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter? _writer;
    private readonly SearcherManager _searchers;
    private readonly LexicalAnalysis _analysis;
    private int _disposed;
    private bool _uncommitted;

    private LuceneLexicalIndex(LuceneDirectory directory, IndexWriter? writer, LexicalAnalysis analysis, Bm25Parameters parameters, string location)
    {
        _directory = directory;
        _writer = writer;
        _analysis = analysis;
        Parameters = parameters;
        Location = location;
        var factory = new Bm25SearcherFactory(new BM25Similarity(parameters.K1, parameters.B));
        _searchers = writer is null ? new SearcherManager(directory, factory) : new SearcherManager(writer, true, factory);
    }

    /// <summary>Analysis applied to documents and queries.</summary>
    public LexicalAnalyzerKind Analyzer => _analysis.Kind;

    /// <summary>BM25 parameters used by searches.</summary>
    public Bm25Parameters Parameters { get; }

    /// <summary>Folder of an on-disk index, or "memory".</summary>
    public string Location { get; }

    /// <summary>True when the index accepts <see cref="AddOrReplace"/>.</summary>
    public bool IsWritable => _writer is not null;

    /// <summary>An empty writable index in RAM (tests, evaluation).</summary>
    public static LuceneLexicalIndex CreateInMemory(LexicalIndexOptions? options = null)
    {
        options ??= new LexicalIndexOptions();
        options.Parameters.Validate();
        var directory = new RAMDirectory();
        return new LuceneLexicalIndex(directory, NewWriter(directory, options, OpenMode.CREATE), LexicalAnalysis.For(options.Analyzer),
            options.Parameters, "memory");
    }

    /// <summary>
    /// Opens the index in <paramref name="path"/> for writing, creating folder and index when absent. An existing index
    /// written with another analysis is refused (its terms would not match). One writer per folder at a time: Lucene's
    /// write.lock makes a second one fail with <see cref="LockObtainFailedException"/>.
    /// </summary>
    public static LuceneLexicalIndex OpenWritable(string path, LexicalIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new LexicalIndexOptions();
        options.Parameters.Validate();
        System.IO.Directory.CreateDirectory(path);
        var directory = FSDirectory.Open(new DirectoryInfo(path));
        try
        {
            if (DirectoryReader.IndexExists(directory))
            {
                var stored = StoredAnalyzer(directory, path);
                if (stored is not null && stored != options.Analyzer)
                {
                    throw new InvalidOperationException(
                        $"Lexical index '{path}' was written with the {stored} analyzer; it cannot be extended with {options.Analyzer}.");
                }
            }

            var writer = NewWriter(directory, options, OpenMode.CREATE_OR_APPEND);
            return new LuceneLexicalIndex(directory, writer, LexicalAnalysis.For(options.Analyzer), options.Parameters, path);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the last commit in <paramref name="path"/> for searching only, with the analysis it was written with.
    /// Throws <see cref="DirectoryNotFoundException"/> when the folder holds no committed index.
    /// </summary>
    public static LuceneLexicalIndex OpenReadOnly(string path, Bm25Parameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        parameters = (parameters ?? Bm25Parameters.Default).Validate();
        if (!System.IO.Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Lexical index folder '{path}' does not exist.");
        }

        var directory = FSDirectory.Open(new DirectoryInfo(path));
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                throw new DirectoryNotFoundException($"Lexical index folder '{path}' holds no committed Lucene index.");
            }

            var analyzer = StoredAnalyzer(directory, path) ?? LexicalAnalyzerKind.English;
            return new LuceneLexicalIndex(directory, null, LexicalAnalysis.For(analyzer), parameters, path);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Adds passages, replacing any already indexed under the same id (visible after <see cref="Commit"/>).</summary>
    public void AddOrReplace(IEnumerable<LexicalDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var writer = _writer ?? throw new InvalidOperationException($"Lexical index '{Location}' was opened read-only.");
        var i = 0;
        foreach (var document in documents)
        {
            if (document is null || string.IsNullOrEmpty(document.Id))
            {
                throw new ArgumentException($"Document {i} is null or has an empty id.", nameof(documents));
            }

            Volatile.Write(ref _uncommitted, true);
            writer.UpdateDocument(new Term(LuceneLexicalFields.Id, document.Id), ToLucene(document));
            i++;
        }
    }

    /// <summary>Makes every change durable (fsync) and visible to searches; records the analysis in the commit.</summary>
    public void Commit()
    {
        var writer = _writer ?? throw new InvalidOperationException($"Lexical index '{Location}' was opened read-only.");
        writer.SetCommitData(new Dictionary<string, string> { [LuceneLexicalFields.AnalyzerKey] = Analyzer.ToString() });
        writer.Commit();
        Volatile.Write(ref _uncommitted, false);
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Merges down to at most <paramref name="maxSegments"/> segments (faster searches of a finished index), then commits.</summary>
    public void Optimize(int maxSegments = 1)
    {
        var writer = _writer ?? throw new InvalidOperationException($"Lexical index '{Location}' was opened read-only.");
        writer.ForceMerge(maxSegments);
        Commit();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _searchers.Dispose();
        if (Volatile.Read(ref _uncommitted))
        {
            // Rollback closes the writer WITHOUT committing (Lucene 4.8's Dispose would commit): only Commit makes
            // changes durable, so an interrupted build never leaves a half-written commit behind.
            _writer?.Rollback();
        }
        else
        {
            _writer?.Dispose(waitForMerges: true); // nothing uncommitted: finish (and keep) merges already under way
        }

        _directory.Dispose();
    }

    private static IndexWriter NewWriter(LuceneDirectory directory, LexicalIndexOptions options, OpenMode mode)
    {
        var config = new IndexWriterConfig(LexicalAnalysis.Version, LexicalAnalysis.For(options.Analyzer).Analyzer)
        {
            OpenMode = mode,
            Similarity = new BM25Similarity(options.Parameters.K1, options.Parameters.B),
            RAMBufferSizeMB = 64,
        };
        if (!options.MergeWhileWriting)
        {
            config.MergePolicy = NoMergePolicy.COMPOUND_FILES;
        }

        return new IndexWriter(directory, config);
    }

    private static LexicalAnalyzerKind? StoredAnalyzer(LuceneDirectory directory, string path)
    {
        var infos = new SegmentInfos();
        infos.Read(directory);
        if (!infos.UserData.TryGetValue(LuceneLexicalFields.AnalyzerKey, out var value))
        {
            return null;
        }

        return Enum.TryParse<LexicalAnalyzerKind>(value, out var kind)
            ? kind
            : throw new InvalidDataException($"Lexical index '{path}' names an unknown analyzer '{value}' in its commit data.");
    }

    private static Document ToLucene(LexicalDocument document) =>
    [
        new StringField(LuceneLexicalFields.Id, document.Id, Field.Store.YES),
        // The id again as doc values: reading ids of a long candidate list from stored fields decompresses a block per
        // hit (~0.2 ms each); doc values are a direct lookup.
        new SortedDocValuesField(LuceneLexicalFields.Id, new BytesRef(document.Id)),
        new StoredField(LuceneLexicalFields.Title, document.Title ?? string.Empty),
        new StoredField(LuceneLexicalFields.Text, document.Text ?? string.Empty),
        new TextField(LuceneLexicalFields.Content, PassageText.Compose(document.Title, document.Text), Field.Store.NO),
    ];
}
