using GenQ.Cli.Local;
using GenQ.Evaluation.Data;

namespace GenQ.Cli.Tests;

/// <summary>Reads a `genq generate` output folder through the BEIR readers and checks its layout.</summary>
public sealed record GeneratedFiles(Dictionary<string, string> Queries, List<(string QueryId, string PassageId)> Qrels, GenerationInfo Info)
{
    public static GeneratedFiles Read(string folder)
    {
        var layout = new GenerationLayout(folder);
        Assert.True(File.Exists(layout.QueriesPath), "gen-queries.jsonl missing");
        Assert.True(File.Exists(layout.QrelsPath), "gen-qrels/train.tsv missing");
        Assert.Equal(GenerationLayout.QrelsHeader, File.ReadLines(layout.QrelsPath).First());
        var qrels = File.ReadLines(layout.QrelsPath).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.All(qrels, f => Assert.Equal("1", f[2]));
        var info = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(layout.InfoPath), CliJsonContext.Default.GenerationInfo)!;
        return new GeneratedFiles(BeirReader.ReadQueries(layout.QueriesPath), qrels.Select(f => (f[0], f[1])).ToList(), info);
    }

    /// <summary>(query text, passage id) pairs, the content independent of query ids.</summary>
    public List<string> Pairs() => Qrels.Select(q => $"{Queries[q.QueryId]}\u0001{q.PassageId}").Order(StringComparer.Ordinal).ToList();

    public void AssertConsistent(IReadOnlyCollection<string> corpusIds)
    {
        Assert.Equal(Queries.Count, Qrels.Count);                            // one qrels line per query
        Assert.Equal(Queries.Keys.Order(), Qrels.Select(q => q.QueryId).Order());
        Assert.All(Qrels, q => Assert.Contains(q.PassageId, corpusIds));    // qrels point at existing passages
        Assert.All(Queries.Keys, id => Assert.StartsWith("genQ", id, StringComparison.Ordinal));
        Assert.Equal(Queries.Count, Info.Queries);
        Assert.True(Info.Complete);
    }
}
