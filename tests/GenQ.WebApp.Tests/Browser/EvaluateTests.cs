using OpenQA.Selenium;

namespace GenQ.WebApp.Tests.Browser;

[Collection(WebAppCollection.Name)]
public sealed class EvaluateTests(WebAppFixture fixture) : IDisposable
{
    private readonly Page _page = new(fixture);
    private readonly string _folder = Directory.CreateTempSubdirectory("genq-web-eval-").FullName;

    [BrowserFact]
    public Task TheEvaluatePageShowsTheTableAndAChartPerSystem() => _page.RunAsync(nameof(TheEvaluatePageShowsTheTableAndAChartPerSystem), async () =>
    {
        var run = await fixture.ReadyCorpusAsync();
        // Each query is the first sentence of one passage; its number occurs in no other passage.
        var queries = Path.Combine(_folder, "queries.jsonl");
        var qrels = Path.Combine(_folder, "qrels.tsv");
        await File.WriteAllLinesAsync(queries, new[] { 1, 4, 8 }.Select(i => $$"""{"_id":"q{{i}}","text":"Passage number {{i}} talks about topic {{i}}"}"""));
        await File.WriteAllLinesAsync(qrels, ["query-id\tcorpus-id\tscore", .. new[] { 1, 4, 8 }.Select(i => $"q{i}\td{i}\t1")]);

        _page.Open($"/evaluate?corpus={WebAppFixture.Corpus}");
        _page.WaitForElement($"select#corpus option[value='{WebAppFixture.Corpus}']").Click();
        _page.Find("input#queries").SendKeys(queries);
        _page.Find("input#qrels").SendKeys(qrels);
        _page.Find("input#apikey").SendKeys(WebAppFixture.ApiKey);
        _page.Find("form.evaluate button[type=submit]").Click();

        var table = _page.WaitForElement("table.report", TimeSpan.FromMinutes(3));
        var rows = table.FindElements(By.CssSelector("tbody tr"));
        Assert.Contains("3 judged queries", _page.Find("main h2").Text, StringComparison.Ordinal);
        var bm25 = Assert.Single(rows, r => r.FindElement(By.CssSelector("td")).Text == "bm25");
        // BM25 ranks the passage with the query's unique number first for every query: MRR@10 is exactly 1.
        Assert.Equal("1.0000", bm25.FindElements(By.CssSelector("td"))[6].Text);
        Assert.Contains(rows, r => r.FindElement(By.CssSelector("td")).Text == "zero-shot");
        // The API evaluates the live version and the zero-shot base: an adapted row when the gate put the run's model live.
        if (WebAppFixture.LiveVersionAfter(run) == run.ModelVersion)
        {
            Assert.Contains(rows, r => r.FindElement(By.CssSelector("td")).Text == "adapted");
        }
        Assert.Equal(rows.Count, _page.FindAll(".charts figure svg").Count);
    });

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
