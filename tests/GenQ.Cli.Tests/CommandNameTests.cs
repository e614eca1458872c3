using System.Text.RegularExpressions;
using GenQ.Cli.Infrastructure;

namespace GenQ.Cli.Tests;

/// <summary>
/// The service commands live under `genq api`; their old top-level names still run, for one release, after a one-line
/// note on stderr. Local `evaluate` and `search` stay what they were.
/// </summary>
public sealed class CommandNameTests(ServiceApiFixture api) : IClassFixture<ServiceApiFixture>
{
    private const string Deprecated = "is deprecated";

    private const string TwoDocuments = """
        {"_id":"a","title":"A","text":"first document"}
        {"_id":"b","title":"B","text":"second document"}

        """;

    [Fact]
    public async Task HelpListsTheApiBranchAndNotTheOldNames()
    {
        var help = (await CliRun.RunAsync("--help")).AssertOk().Out;
        var apiHelp = (await CliRun.RunAsync("api", "--help")).AssertOk().Out;

        static bool Lists(string help, string command) =>
            Regex.IsMatch(help, $@"^\s+{command}\s", RegexOptions.Multiline);

        Assert.All(new[] { "generate", "train", "gate", "evaluate", "search", "api" }, command => Assert.True(Lists(help, command), command));
        Assert.All(new[] { "ingest", "status", "run", "eval", "query", "demo", "versions", "promote" }, old => Assert.False(Lists(help, old), old));
        Assert.All(new[] { "ingest", "status", "run", "evaluate", "search", "demo", "versions", "promote" }, command => Assert.True(Lists(apiHelp, command), command));
    }

    [Fact]
    public async Task NewNamesRunWithoutANote()
    {
        var corpus = api.WriteFile("names-new", "corpus.jsonl", TwoDocuments);

        var ingest = (await api.RunAsync("api", "ingest", "--corpus", corpus)).AssertOk();
        var search = await api.RunAsync("api", "search", "anything", "--name", "nosuchcorpus");

        Assert.Contains("run ", ingest.Out);
        Assert.DoesNotContain(Deprecated, ingest.Error);
        Assert.DoesNotContain(Deprecated, search.Error);
    }

    [Fact]
    public async Task OldIngestStillWorksAndNamesTheNewCommandOnStderr()
    {
        var corpus = api.WriteFile("names-old", "corpus.jsonl", TwoDocuments);

        var ingest = (await api.RunAsync("ingest", "--corpus", corpus)).AssertOk();

        Assert.Contains("run ", ingest.Out);
        Assert.DoesNotContain(Deprecated, ingest.Out);
        Assert.Single(ingest.Error.Split('\n'), line => line.Contains(Deprecated, StringComparison.Ordinal));
        Assert.Contains("'genq ingest' is deprecated", ingest.Error);
        Assert.Contains("use 'genq api ingest'", ingest.Error);
    }

    [Theory]
    [InlineData("query", "api search", new[] { "anything", "--name", "nosuchcorpus" })]
    [InlineData("status", "api status", new[] { "doesnotexist" })]
    [InlineData("versions", "api versions", new[] { "--name", "nosuchcorpus" })]
    [InlineData("promote", "api promote", new[] { "--name", "nosuchcorpus", "--version", "v0001" })]
    public async Task OldNamesRunTheSameCommandAfterTheNote(string old, string replacement, string[] args)
    {
        var viaOld = await api.RunAsync([old, .. args]);
        var viaNew = await api.RunAsync([.. replacement.Split(' '), .. args]);

        Assert.Contains($"'genq {old}' is deprecated", viaOld.Error);
        Assert.Contains($"use 'genq {replacement}'", viaOld.Error);
        Assert.Equal(viaNew.ExitCode, viaOld.ExitCode);
        Assert.Equal(viaNew.Out, viaOld.Out);
    }

    [Fact]
    public async Task OldEvalIsApiEvaluate()
    {
        var beir = Path.GetDirectoryName(api.WriteFile("names-beir", "queries.jsonl", """{"_id":"q1","text":"first"}""" + "\n"))!;
        api.WriteFile(Path.Combine("names-beir", "qrels"), "test.tsv", "query-id\tcorpus-id\tscore\nq1\ta\t1\n");

        var viaOld = await api.RunAsync("eval", "--name", "nosuchcorpus", "--data", beir);
        var viaNew = await api.RunAsync("api", "evaluate", "--name", "nosuchcorpus", "--data", beir);

        Assert.Contains("use 'genq api evaluate'", viaOld.Error);
        Assert.DoesNotContain(Deprecated, viaNew.Error);
        Assert.Equal(ExitCodes.BadInput, viaNew.ExitCode);
        Assert.Equal(viaNew.ExitCode, viaOld.ExitCode);
    }
}
