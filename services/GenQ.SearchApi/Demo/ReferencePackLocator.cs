namespace GenQ.SearchApi.Demo;

/// <summary>
/// Finds <c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/&lt;tfm&gt;</c> of the .NET installation this process
/// runs on (from the runtime's own location, never a hard-coded path), newest version first.
/// </summary>
public static class ReferencePackLocator
{
    public static string Find(string? dotnetRoot = null)
    {
        dotnetRoot ??= DotnetRootFromRuntime();
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
        {
            throw new DirectoryNotFoundException(
                $"No .NET reference pack under '{packs}'. The demo corpus needs a .NET SDK installation (set DOTNET_ROOT if it lives elsewhere).");
        }
        var framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var candidates = Directory.EnumerateDirectories(packs)
            .OrderByDescending(dir => Version.TryParse(Path.GetFileName(dir).Split('-')[0], out var v) ? v : new Version())
            .SelectMany(dir => new[] { Path.Combine(dir, "ref", framework) }.Concat(
                Directory.Exists(Path.Combine(dir, "ref")) ? Directory.EnumerateDirectories(Path.Combine(dir, "ref")) : []))
            .Where(dir => Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.xml").Any());
        return candidates.FirstOrDefault()
            ?? throw new DirectoryNotFoundException($"The reference packs under '{packs}' contain no XML documentation files.");
    }

    /// <summary>The runtime lives in <c>{root}/shared/Microsoft.NETCore.App/{version}/</c>; DOTNET_ROOT wins when set.</summary>
    private static string DotnetRootFromRuntime()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && Directory.Exists(root))
        {
            return root;
        }
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
    }
}
