namespace GenQ.Evaluation.Tests;

/// <summary>Finds ../shared/eval-data by walking up from the test assembly (never copied into the repository).</summary>
internal static class EvalData
{
    public static string Collection(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "eval-data", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/eval-data/{name} was not found in any folder above {AppContext.BaseDirectory}; these tests need the shared BEIR collections (../shared/eval-data from the repository root).");
    }
}
