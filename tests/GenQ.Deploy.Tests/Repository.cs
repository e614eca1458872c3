namespace GenQ.Deploy.Tests;

/// <summary>Paths in the checkout: the folder holding GenQ.sln, found above the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "GenQ.sln")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "deploy")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("GenQ.sln with deploy/ not found above " + AppContext.BaseDirectory);
    }
}
