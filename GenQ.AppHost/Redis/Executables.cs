namespace GenQ.AppHost.Redis;

internal static class Executables
{
    /// <summary>The full path of <paramref name="name"/> on PATH (plus /usr/sbin, where Debian puts some servers), or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
