namespace GenQ.GeneratorScaling.Benchmarks;

/// <summary>Where the worker dll and the evaluation data are, found from the bench's own output folder.</summary>
internal static class BenchPaths
{
    private const string BenchProject = "benchmarks/GenQ.GeneratorScaling.Benchmarks";

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GenQ.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"GenQ.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// The worker's dll in the same configuration as this bench (its project reference builds it with the bench):
    /// bin/Release/net10.0 here means services/GenQ.GeneratorWorker/bin/Release/net10.0 there.
    /// </summary>
    public static string WorkerDll(string root)
    {
        var outputFolder = Path.GetRelativePath(Path.Combine(root, BenchProject), AppContext.BaseDirectory);
        var dll = Path.Combine(root, "services/GenQ.GeneratorWorker", outputFolder, "GenQ.GeneratorWorker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the worker first (dotnet build -c Release): {dll} is missing.");
    }

    /// <summary>A folder path as given, else a collection name under ../shared/eval-data next to the repository.</summary>
    public static string Collection(string root, string nameOrFolder) =>
        Directory.Exists(nameOrFolder) ? nameOrFolder : Path.GetFullPath(Path.Combine(root, "..", "shared", "eval-data", nameOrFolder));
}
