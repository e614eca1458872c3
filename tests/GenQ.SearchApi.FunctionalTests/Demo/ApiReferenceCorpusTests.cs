using GenQ.SearchApi.Demo;

namespace GenQ.SearchApi.FunctionalTests.Demo;

public sealed class ApiReferenceCorpusTests
{
    [Fact]
    public void TheReferencePackOfThisSdkIsFoundAndHoldsDocumentationFiles()
    {
        var directory = ReferencePackLocator.Find();
        Assert.True(Directory.EnumerateFiles(directory, "*.xml").Count() > 50, directory);
    }

    [Fact]
    public void FileReadLinesBecomesAPassageWithAReadableTitleAndSummary()
    {
        var passages = ApiReferenceCorpus.Read(ReferencePackLocator.Find(), ["System.Runtime"]).ToList();

        var readLines = Assert.Single(passages, p => p.Id == "M:System.IO.File.ReadLines(System.String)");
        Assert.Equal("System.IO.File.ReadLines(String)", readLines.Title);
        Assert.Contains("Reads the lines of a file", readLines.Text);
        Assert.True(passages.Count > 5000, $"only {passages.Count} passages");
        Assert.Equal(passages.Count, passages.Select(p => p.Id).Distinct().Count());
        Assert.DoesNotContain(passages, p => p.Id.Contains('#'));
    }

    [Fact]
    public void CrefsAndParameterReferencesAreWrittenAsNames()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "Sample.xml");
        File.WriteAllText(path, """
            <doc><members>
              <member name="M:Sample.Widget.#ctor(System.Collections.Generic.IEnumerable{System.String},System.Int32)">
                <summary>Creates a widget from <paramref name="items" /> like <see cref="M:System.IO.File.ReadLines(System.String)" />
                returns <see langword="null" /> never; see <see cref="T:System.String" />.</summary>
                <remarks><para>Second part.</para></remarks>
              </member>
              <member name="T:Sample.Empty"><summary>   </summary></member>
            </members></doc>
            """);

        var passage = Assert.Single(ApiReferenceCorpus.ReadFile(path));

        Assert.Equal("M:Sample.Widget..ctor(System.Collections.Generic.IEnumerable{System.String},System.Int32)", passage.Id);
        Assert.Equal("Sample.Widget.ctor(IEnumerable{String},Int32)", passage.Title);
        Assert.Equal("Creates a widget from items like File.ReadLines returns null never; see String. Second part.", passage.Text);
    }
}

public sealed class NamespaceFilterTests
{
    [Fact]
    public void TheDefaultDemoSubsetKeepsOnlyItsNamespacesAndStillHoldsFileReadLines()
    {
        var options = new DemoCorpusOptions();
        var passages = ApiReferenceCorpus.Read(ReferencePackLocator.Find(), options.Assemblies, options.Namespaces).ToList();

        Assert.Contains(passages, p => p.Id == "M:System.IO.File.ReadLines(System.String)");
        Assert.DoesNotContain(passages, p => p.Id.StartsWith("M:System.IO.Compression.", StringComparison.Ordinal));
        Assert.DoesNotContain(passages, p => p.Id.StartsWith("T:System.String", StringComparison.Ordinal));
        Assert.InRange(passages.Count, 1000, 10000);
    }
}
