using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.SearchApi.Demo;

namespace GenQ.SearchApi.FunctionalTests.Demo;

public sealed class DemoSearchTests
{
    [Fact]
    public void ZeroShotMiniLMFindsFileReadLinesForALineByLineQuestion()
    {
        var options = new DemoCorpusOptions();
        var all = ApiReferenceCorpus.Read(ReferencePackLocator.Find(), options.Assemblies, options.Namespaces).ToList();
        // The System.IO part of the demo (about 1,000 members) keeps the test fast while leaving many near misses:
        // File.ReadAllLines, StreamReader.ReadLine, File.ReadAllText, ...
        var passages = all.Where(p => p.Id.Contains(":System.IO.", StringComparison.Ordinal)).ToList();
        using var encoder = OnnxSentenceEncoder.Create(BaseModelLocator.GetMiniLM());

        var documents = encoder.Encode(passages.Select(p => $"{p.Title} {p.Text}").ToList());
        var query = encoder.Encode(["how do I read a file line by line"])[0];
        var ranked = passages
            .Select((p, i) => (p.Id, Score: documents[i].Zip(query, (a, b) => a * b).Sum()))
            .OrderByDescending(hit => hit.Score)
            .Select(hit => hit.Id)
            .ToList();

        var rank = ranked.FindIndex(id => id.StartsWith("M:System.IO.File.ReadLines(", StringComparison.Ordinal));
        Assert.InRange(rank, 0, 4);
    }
}
