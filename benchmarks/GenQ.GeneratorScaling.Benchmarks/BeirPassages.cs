using GenQ.Contracts.Jobs;
using GenQ.Evaluation.Data;

namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>Real passages, read at run time from a BEIR corpus.jsonl (never copied into the repository).</summary>
internal static class BeirPassages
{
    /// <summary>The first <paramref name="count"/> documents with non-empty text, in file order.</summary>
    public static IReadOnlyList<PassageRecord> ReadFirst(string collectionFolder, int count)
    {
        var path = Path.Combine(collectionFolder, "corpus.jsonl");
        var passages = BeirReader.ReadCorpus(path).Where(p => !string.IsNullOrWhiteSpace(p.Text)).Take(count).ToList();
        if (passages.Count < count)
        {
            throw new InvalidOperationException($"{path} has only {passages.Count} documents with text; {count} were asked for.");
        }

        return passages;
    }
}
