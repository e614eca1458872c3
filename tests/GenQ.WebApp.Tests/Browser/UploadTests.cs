using System.Net;
using OpenQA.Selenium;

namespace GenQ.WebApp.Tests.Browser;

[Collection(WebAppCollection.Name)]
public sealed class UploadTests(WebAppFixture fixture) : IDisposable
{
    private readonly Page _page = new(fixture);
    private readonly string _folder = Directory.CreateTempSubdirectory("genq-web-upload-").FullName;

    [BrowserFact]
    public Task AnUploadIsWatchedLiveUntilReadyAndThenSearchAnswersFromTheNewVersion() => _page.RunAsync(nameof(AnUploadIsWatchedLiveUntilReadyAndThenSearchAnswersFromTheNewVersion), async () =>
    {
        var file = Path.Combine(_folder, "news.jsonl");
        await File.WriteAllTextAsync(file, WebAppFixture.Documents("n"));
        Upload(file, "webupload");

        _page.WaitForElement(".started a.button").Click();
        var stage = _page.WaitForElement("[data-stage]");
        var firstStage = stage.GetAttribute("data-stage");
        // Training and exporting the model take many seconds: the page opens on an unfinished run...
        Assert.NotEqual("ready", firstStage);
        Assert.NotEmpty(_page.FindAll("ol.steps li.current"));
        Assert.NotEmpty(_page.FindAll(".meter progress"));
        // ...and, without a reload, the live component shows it ready.
        var ready = _page.WaitFor(() => _page.FindAll("[data-stage='ready']").FirstOrDefault(), TimeSpan.FromMinutes(6), "the run to be ready");
        var trained = _page.Find(".ready .version, .kept .version").Text;
        Assert.Matches("^v[0-9]{4}$", trained);
        Assert.Contains("after", ready.Text);
        var runId = new Uri(_page.Driver.Url).Segments[^1];
        var status = await fixture.WaitForRunAsync(runId, _ => true, TimeSpan.FromSeconds(10));
        Assert.Equal(status.ModelVersion, trained);

        _page.Open("/?corpus=webupload&q=Passage+number+4+talks+about+topic+4");
        Assert.Equal("n4", _page.WaitForElement("ol.hits > li.hit").GetAttribute("data-passage"));
        Assert.Equal(WebAppFixture.LiveVersionAfter(status), _page.Find(".answered .version").Text);
    });

    [BrowserFact]
    public Task AddingToACorpusMakesTheNewDocumentSearchableWithoutReplacingTheOldOnes() => _page.RunAsync(nameof(AddingToACorpusMakesTheNewDocumentSearchableWithoutReplacingTheOldOnes), async () =>
    {
        await fixture.ReadyCorpusAsync();
        var file = Path.Combine(_folder, "more.jsonl");
        await File.WriteAllTextAsync(file, """{"_id":"zep1","title":"Airship","text":"A zeppelin floats above the harbour at dawn."}""");
        Upload(file, WebAppFixture.Corpus, mode: "append");

        Assert.Contains("Added 1 passages to", _page.WaitForElement(".started").Text);
        // Indexed with the live model by the trainer worker's append handler: poll the search page until it answers.
        var hit = _page.WaitFor(() =>
        {
            _page.Open($"/?corpus={WebAppFixture.Corpus}&q=zeppelin+harbour");
            return _page.FindAll("ol.hits > li.hit").FirstOrDefault(h => h.GetAttribute("data-passage") == "zep1");
        }, TimeSpan.FromMinutes(1), "the appended passage to be searchable");
        Assert.NotNull(hit);
        // The corpus' old documents are still there.
        _page.Open($"/?corpus={WebAppFixture.Corpus}&q=Passage+number+7+talks+about+topic+7");
        Assert.Equal("d7", _page.WaitForElement("ol.hits > li.hit").GetAttribute("data-passage"));
    });

    [BrowserFact]
    public Task ABadLineIsShownWithItsNumberAndNothingIsStored() => _page.RunAsync(nameof(ABadLineIsShownWithItsNumberAndNothingIsStored), async () =>
    {
        var file = Path.Combine(_folder, "broken.jsonl");
        await File.WriteAllTextAsync(file, """
            {"_id":"a","title":"A","text":"A fine first line."}
            {"_id":"b","title":"B","text":"A fine second line."}
            {"_id":"c","title":"C","text": broken
            """);
        Upload(file, "webbroken");

        var problem = _page.WaitForElement(".problem");
        Assert.Contains("line 3", problem.Text);
        Assert.Contains("nothing was stored", problem.Text);
        using var corpus = await fixture.Api.GetAsync("/api/corpora/webbroken");
        Assert.Equal(HttpStatusCode.NotFound, corpus.StatusCode);
    });

    [BrowserFact]
    public Task AWrongApiKeyIsSaidInWords() => _page.RunAsync(nameof(AWrongApiKeyIsSaidInWords), async () =>
    {
        var file = Path.Combine(_folder, "ok.txt");
        await File.WriteAllTextAsync(file, "One plain document.\nAnother plain document.\n");
        Upload(file, "webkey", apiKey: "not-the-key");

        var problem = _page.WaitForElement(".problem");
        Assert.Contains("API key", problem.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", _page.Driver.PageSource);
    });

    private void Upload(string file, string corpus, string apiKey = WebAppFixture.ApiKey, string mode = "replace")
    {
        _page.Open("/upload");
        _page.WaitForElement("input#file").SendKeys(file);
        _page.Find("input#corpus").SendKeys(corpus);
        _page.Find($"select#mode option[value='{mode}']").Click();
        _page.Find("input#apikey").SendKeys(apiKey);
        _page.Find("form.upload button[type=submit]").Click();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
