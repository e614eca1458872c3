using Aspire.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using GenQ.Contracts.Runs;
using OpenQA.Selenium.Chrome;
using GenQ.Testing;

namespace GenQ.WebApp.Tests.Browser;

/// <summary>
/// The whole GenQ app started once for every browser test (the AppHost, as the AppHost smoke test starts it: redis-server,
/// a generator, the trainer, the search API and the web app), one headless chromium, and one corpus uploaded through the
/// API and trained for the tests that need an adapted model (<see cref="ReadyCorpusAsync"/>).
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string ApiKey = "web-test-key";
    public const string Corpus = "webfix";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("genq-web-test-").FullName;
    private DistributedApplication? _app;
    private Task<RunStatus>? _readyCorpus;

    public ChromeDriver Driver { get; private set; } = null!;
    public Uri WebAddress { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Ten passages "Passage number {i} talks about topic {i}. …" with ids d1..d10.</summary>
    public static string Documents(string idPrefix = "d") => string.Join('\n', Enumerable.Range(1, 10).Select(i =>
        $$"""{"_id":"{{idPrefix}}{{i}}","title":"Document {{i}}","text":"Passage number {{i}} talks about topic {{i}}. It has a second sentence about item {{i}}."}"""));

    public async Task InitializeAsync()
    {
        if (!BrowserFactAttribute.IsAvailable)
        {
            return; // every test of the collection is skipped: start nothing
        }
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.GenQ_AppHost>(
            [$"--GenQ:Redis:DataDirectory={Path.Combine(_dataDirectory, "redis")}", "--GenQ:Redis:Mode=executable", $"--GenQ:Redis:Port={LoopbackPort.Free()}",
             $"--GenQ:DataDirectory={Path.Combine(_dataDirectory, "data")}", $"--Parameters:api-key={ApiKey}", "--GenQ:GeneratorReplicas=1"]);
        _app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await _app.StartAsync().WaitAsync(StartTimeout);
        foreach (var resource in new[] { "search-api", "trainer-worker", "generator-worker", "web" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource).WaitAsync(StartTimeout);
        }
        WebAddress = _app.GetEndpoint("web", "http");
        Api = _app.CreateHttpClient("search-api");
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        _readyCorpus = UploadAndWaitAsync(Corpus, Documents());
        Driver = StartBrowser();
    }

    /// <summary>The fixture's corpus once its run is ready (adapted model live, zero-shot version kept).</summary>
    public Task<RunStatus> ReadyCorpusAsync() => _readyCorpus ?? throw new InvalidOperationException("the app was not started");

    /// <summary>
    /// The version that answers searches once <paramref name="run"/> is ready: its model, unless the promotion gate kept
    /// the live one (a tiny corpus may give the gate too little evidence).
    /// </summary>
    public static string? LiveVersionAfter(RunStatus run) =>
        run.Promotion is { Decision: PromotionReport.Kept } kept ? kept.Live : run.ModelVersion;

    public async Task<RunStatus> WaitForRunAsync(string runId, Func<RunStatus, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await Api.GetFromJsonAsync<RunStatus>($"/api/runs/{runId}");
            if (status is not null && done(status))
            {
                return status;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not get there in time; last status: {status}");
            }
            await Task.Delay(250);
        }
    }

    private async Task<RunStatus> UploadAndWaitAsync(string corpus, string documents)
    {
        using var upload = await Api.PostAsync($"/api/corpora/{corpus}/documents", new StringContent(documents, Encoding.UTF8, "application/x-ndjson"));
        if (upload.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"fixture upload failed: {upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
        }
        var run = (await upload.Content.ReadFromJsonAsync<RunStatus>())!;
        var status = await WaitForRunAsync(run.RunId, s => s.Stage is RunStage.Ready or RunStage.Failed, TimeSpan.FromMinutes(6));
        return status.Stage == RunStage.Ready ? status : throw new InvalidOperationException($"fixture run failed: {status.Error}");
    }

    private static ChromeDriver StartBrowser()
    {
        // The driver path is given, so Selenium Manager never looks for (or downloads) one.
        var service = ChromeDriverService.CreateDefaultService(BrowserFactAttribute.DriverDirectory, BrowserFactAttribute.DriverFile);
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000");
        var driver = new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromMinutes(3); // an evaluation post waits for the API
        return driver;
    }

    public async Task DisposeAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        Api?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }
}
