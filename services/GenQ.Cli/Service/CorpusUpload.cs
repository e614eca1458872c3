using System.Net;
using System.Text.RegularExpressions;
using GenQ.Cli.Infrastructure;
using GenQ.Contracts.Runs;

namespace GenQ.Cli.Service;

/// <summary>
/// Uploading a corpus file, shared by `ingest` and `run`: checks the file and the corpus name first, and turns the
/// API's report of a malformed line into "file: line N: problem".
/// </summary>
public static partial class CorpusUpload
{
    public const string NameRule = "1-64 characters: lowercase letters, digits, '-' or '_', starting with a letter or digit";

    /// <summary>--name, or the corpus file's folder (../eval-data/cranfield/corpus.jsonl → cranfield), lower-cased.</summary>
    public static string ResolveName(string? name, string corpusPath)
    {
        var candidate = name ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(corpusPath)))?.ToLowerInvariant() ?? "";
        return NamePattern().IsMatch(candidate)
            ? candidate
            : throw new CliUsageException(name is null
                ? $"cannot name the corpus after the folder '{candidate}' ({NameRule}); give --name."
                : $"--name '{name}' is not a valid corpus name ({NameRule}).");
    }

    public static void RequireFile(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliUsageException($"{option} is required.");
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{option} file '{path}' does not exist.", path);
        }
    }

    public static async Task<RunStatus> UploadAsync(GenqApiClient client, string corpus, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.UploadDocumentsAsync(corpus, path, cancellationToken);
        }
        catch (ApiProblemException ex) when (ex.Status == HttpStatusCode.BadRequest && ex.Problem?.FieldErrors().FirstOrDefault(e => e.Field == "body") is { Message: { } message })
        {
            throw new CliUsageException($"{path}: {message}", ex);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
