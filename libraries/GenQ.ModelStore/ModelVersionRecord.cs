using System.Security.Cryptography;
using System.Text;

namespace GenQ.ModelStore;

/// <summary>
/// What a model version is made of: every file with its hash and size. <see cref="Digest"/> names this exact content
/// (sha256 over the sorted "path sha256 size" lines), so a job can say which content it means.
/// </summary>
public sealed record ModelVersionRecord(string Corpus, string Version, IReadOnlyList<ModelFileRecord> Files, DateTimeOffset CreatedAt)
{
    public string Digest => ComputeDigest(Files);

    public long TotalBytes => Files.Sum(f => f.Size);

    public static string ComputeDigest(IEnumerable<ModelFileRecord> files)
    {
        var text = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append(file.Path).Append(' ').Append(file.Sha256).Append(' ').Append(file.Size).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
