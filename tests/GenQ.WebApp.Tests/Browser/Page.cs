using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace GenQ.WebApp.Tests.Browser;

/// <summary>Small helpers over the shared browser: open a path of the web app, wait for an element with a deadline, and
/// keep a screenshot of the page when a test fails (in the test output folder, screenshots/).</summary>
public sealed class Page(WebAppFixture fixture)
{
    public ChromeDriver Driver => fixture.Driver;

    public void Open(string pathAndQuery) => Driver.Navigate().GoToUrl(new Uri(fixture.WebAddress, pathAndQuery));

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>Polls until <paramref name="probe"/> returns a value (not null, no exception) or the deadline passes.</summary>
    public T WaitFor<T>(Func<T?> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is NoSuchElementException or StaleElementReferenceException)
            {
                last = ex;
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what} on {Driver.Url}", last);
    }

    public IWebElement WaitForElement(string css, TimeSpan? timeout = null) =>
        WaitFor(() => FindAll(css).FirstOrDefault(e => e.Displayed), timeout ?? TimeSpan.FromSeconds(30), $"'{css}'");

    /// <summary>Runs a test body; on failure saves the page as a PNG named after the test, then rethrows.</summary>
    public async Task RunAsync(string testName, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            Driver.GetScreenshot().SaveAsFile(Path.Combine(folder, $"{testName}.png"));
            throw;
        }
    }
}
