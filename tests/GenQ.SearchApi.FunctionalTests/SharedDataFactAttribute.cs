namespace GenQ.SearchApi.FunctionalTests;

/// <summary>A fact that needs a file of ../shared/eval-data; skipped, saying so, where the shared folder is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        if (Find(relativePath) is null)
        {
            Skip = $"shared/eval-data/{relativePath} is not present above {AppContext.BaseDirectory} (the shared BEIR collections are not checked in)";
        }
    }

    public static string? Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "eval-data", relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
