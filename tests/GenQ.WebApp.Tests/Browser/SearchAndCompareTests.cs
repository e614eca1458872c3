using OpenQA.Selenium;

namespace GenQ.WebApp.Tests.Browser;

[Collection(WebAppCollection.Name)]
public sealed class SearchAndCompareTests(WebAppFixture fixture)
{
    private readonly Page _page = new(fixture);

    [BrowserFact]
    public Task SearchingAnExactSentenceFindsItsPassageFirstAndTheUrlHoldsTheQuery() => _page.RunAsync(nameof(SearchingAnExactSentenceFindsItsPassageFirstAndTheUrlHoldsTheQuery), async () =>
    {
        var run = await fixture.ReadyCorpusAsync();
        _page.Open("/");
        _page.WaitForElement($"select#corpus option[value='{WebAppFixture.Corpus}']").Click();
        _page.Find("input#q").SendKeys("Passage number 7 talks about topic 7");
        _page.Find("form.search button[type=submit]").Click();

        var first = _page.WaitForElement("ol.hits > li.hit");
        // A sentence copied from d7 (the only passage with "7") is found first.
        Assert.Equal("d7", first.GetAttribute("data-passage"));
        Assert.Equal(WebAppFixture.LiveVersionAfter(run), _page.Find(".answered .version").Text);
        Assert.Contains("Passage", first.FindElement(By.CssSelector(".snippet mark")).Text);
        var url = new Uri(_page.Driver.Url);
        Assert.Contains("q=Passage", url.Query);
        Assert.Contains($"corpus={WebAppFixture.Corpus}", url.Query);

        // The URL alone reproduces the search (shareable, and what the back button returns to).
        _page.Open(url.PathAndQuery);
        Assert.Equal("d7", _page.WaitForElement("ol.hits > li.hit").GetAttribute("data-passage"));
    });

    [BrowserFact]
    public Task CompareShowsTheZeroShotAndTheAdaptedListsSideBySide() => _page.RunAsync(nameof(CompareShowsTheZeroShotAndTheAdaptedListsSideBySide), async () =>
    {
        var run = await fixture.ReadyCorpusAsync();
        _page.Open($"/compare?corpus={WebAppFixture.Corpus}&q=second+sentence+about+item+3&mode=dense&k=5");

        var zeroShot = _page.WaitForElement("#zero-shot ol.hits");
        var adapted = _page.Find("#adapted ol.hits");
        // The zero-shot side is the run's base model, pinned by version; the other side is the live (adapted) model.
        Assert.Equal($"base-{run.RunId}", zeroShot.GetAttribute("data-version"));
        Assert.Equal(WebAppFixture.LiveVersionAfter(run), adapted.GetAttribute("data-version"));
        Assert.Equal(5, zeroShot.FindElements(By.CssSelector("li.hit")).Count);
        Assert.Equal(5, adapted.FindElements(By.CssSelector("li.hit")).Count);
        Assert.Equal("d3", adapted.FindElement(By.CssSelector("li.hit")).GetAttribute("data-passage"));
    });
}
