namespace GenQ.VectorStore.Embedded;

/// <summary>
/// Paths inside the embedded index's data directory:
/// <code>
/// collections/{corpus}/{version}/   published (complete) collections: manifest.json + segment-*.bin + lexical/
/// building/{corpus}/{version}/      collections being built: build.json + segment-*.bin + lexical/ (never visible to search)
/// aliases/{corpus}.json             live and previous version of the corpus
/// locks/{corpus}.lock               cross-process writer lock
/// trash/                            directories being deleted (moved here first so deletion is atomic)
/// </code>
/// A build becomes a collection by one directory rename, so a half-built collection can never be published. lexical/ is
/// the version's Lucene BM25 index of the same passages (committed after every upsert, merged at publish, then
/// read-only); it moves, and is deleted, with its version.
/// </summary>
internal sealed class EmbeddedLayout(string root)
{
    public const string ManifestFile = "manifest.json";
    public const string BuildFile = "build.json";
    public const string SegmentPattern = "segment-*.bin";

    public string Root { get; } = root;

    public string CollectionsRoot(string corpus) => Path.Combine(Root, "collections", corpus);

    public string CollectionDirectory(string corpus, string version) => Path.Combine(Root, "collections", corpus, version);

    public string BuildingRoot(string corpus) => Path.Combine(Root, "building", corpus);

    public string BuildingDirectory(string corpus, string version) => Path.Combine(Root, "building", corpus, version);

    public string AliasesRoot => Path.Combine(Root, "aliases");

    public string AliasFile(string corpus) => Path.Combine(Root, "aliases", corpus + ".json");

    public string LockFile(string corpus) => Path.Combine(Root, "locks", corpus + ".lock");

    public string TrashDirectory() => Path.Combine(Root, "trash", Guid.NewGuid().ToString("N"));

    public static string LexicalDirectory(string collectionDirectory) => Path.Combine(collectionDirectory, "lexical");

    public static string SegmentFile(string directory, int sequence) => Path.Combine(directory, $"segment-{sequence:D6}.bin");

    /// <summary>Segment files of a collection directory in write order (later segments replace earlier points).</summary>
    public static string[] Segments(string directory)
    {
        var files = Directory.GetFiles(directory, SegmentPattern);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>Moves a directory out of sight, then deletes it; a crash in between leaves only trash behind.</summary>
    public void DeleteDirectoryAtomically(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var trash = TrashDirectory();
        Directory.CreateDirectory(Path.GetDirectoryName(trash)!);
        Directory.Move(directory, trash);
        Directory.Delete(trash, recursive: true);
    }

    /// <summary>Removes leftovers of deletions interrupted by a crash.</summary>
    public void EmptyTrash()
    {
        var trashRoot = Path.Combine(Root, "trash");
        if (!Directory.Exists(trashRoot))
        {
            return;
        }

        foreach (var directory in Directory.GetDirectories(trashRoot))
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Another process may be deleting it right now; it is retried on the next start.
            }
        }
    }
}
