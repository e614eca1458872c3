using GenQ.Evaluation.Data;
using GenQ.Generation.Testing.T5;

namespace GenQ.Cli.Tests;

/// <summary>
/// Shared inputs written once per test run: a 20-passage slice of ../shared/eval-data/time as a corpus and as a BEIR
/// collection (queries whose judged passages are in the slice, judgments restricted to it), and a tiny random T5 in
/// the Optimum layout with the generation tests' sentencepiece fixture.
/// </summary>
public sealed class CliTestData : IDisposable
{
    public const int SliceSize = 20;

    public CliTestData()
    {
        Root = Directory.CreateTempSubdirectory("genq-cli-tests-").FullName;
        var time = BeirDataset.Load(LocateTime());
        var judged = time.Qrels.OrderBy(q => int.Parse(q.Key, System.Globalization.CultureInfo.InvariantCulture)).Take(6).ToList();
        var ids = judged.SelectMany(q => q.Value.Keys).Distinct().Take(SliceSize).ToHashSet(StringComparer.Ordinal);
        ids.UnionWith(time.Corpus.Select(p => p.Id).Where(id => !ids.Contains(id)).Take(SliceSize - ids.Count));
        var slice = time.Corpus.Where(p => ids.Contains(p.Id)).ToList();
        var collection = Path.Combine(Root, "time-slice");
        Directory.CreateDirectory(Path.Combine(collection, "qrels"));
        CorpusPath = Path.Combine(collection, "corpus.jsonl");
        File.WriteAllLines(CorpusPath, slice.Select(p => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = p.Id, ["title"] = p.Title, ["text"] = p.Text })));
        var qrels = judged.SelectMany(q => q.Value.Where(j => ids.Contains(j.Key)).Select(j => (Query: q.Key, Doc: j.Key, j.Value))).ToList();
        File.WriteAllLines(Path.Combine(collection, "qrels", "test.tsv"), ["query-id\tcorpus-id\tscore", .. qrels.Select(j => $"{j.Query}\t{j.Doc}\t{j.Value}")]);
        File.WriteAllLines(Path.Combine(collection, "queries.jsonl"), qrels.Select(j => j.Query).Distinct().Select(q =>
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = q, ["text"] = time.Queries[q] })));
        CollectionPath = collection;
        Passages = slice.Select(p => p.Id).ToList();
        PassageTexts = slice.ToDictionary(p => p.Id, p => p.Text);

        T5Path = Path.Combine(Root, "t5-tiny");
        T5TestModelWriter.Write(T5Path, new T5TestModelSpec { VocabSize = 1000, Seed = 11, TieWordEmbeddings = false }, T5DecoderLayout.Merged,
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "spiece.model"));
    }

    public string Root { get; }

    public string CorpusPath { get; }

    public string CollectionPath { get; }

    public IReadOnlyList<string> Passages { get; }

    public IReadOnlyDictionary<string, string> PassageTexts { get; }

    public string T5Path { get; }

    /// <summary>A fresh folder under <see cref="Root"/> (each test writes its own outputs).</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(Root, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)])).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static string LocateTime()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "eval-data", "time");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/eval-data/time was not found above {AppContext.BaseDirectory}; the CLI tests need the shared BEIR collections.");
    }
}
