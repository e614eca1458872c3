namespace GenQ.Cli.Local;

/// <summary>Writes a whole file under a temporary name and renames it, so readers never see half of it.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    public static void WriteAllLines(string path, IEnumerable<string> lines) =>
        WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
}
