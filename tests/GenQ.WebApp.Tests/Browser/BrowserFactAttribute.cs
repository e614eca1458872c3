namespace GenQ.WebApp.Tests.Browser;

/// <summary>
/// A browser test: skipped, with the reason in the test report, where Debian's chromium and chromium-driver are not
/// installed (.ci/run installs them, so in CI they run). Nothing here ever downloads a browser or a driver.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";
    public const string DriverFile = "chromedriver";

    public BrowserFactAttribute()
    {
        if (!IsAvailable)
        {
            Skip = $"chromium ({Chromium}) or chromedriver ({DriverDirectory}/{DriverFile}) is not installed: apt-get install -y chromium chromium-driver";
        }
    }

    public static bool IsAvailable => File.Exists(Chromium) && File.Exists(Path.Combine(DriverDirectory, DriverFile));
}
