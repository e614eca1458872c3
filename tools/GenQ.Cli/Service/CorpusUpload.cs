using System.Net;
using GenQ.Cli.Infrastructure;
using GenQ.Contracts.Corpora;
using GenQ.Contracts.Runs;

namespace GenQ.Cli.Service;

/// <summary>
/// Uploading a corpus file, shared by `ingest` and `run`: checks the file and the corpus name first, and turns the
/// API's report of a malformed line into "file: line N: problem".
/// </summary>
public static class CorpusUpload
{
    /// <summary>--name, or the corpus file's folder (../eval-data/cranfield/corpus.jsonl → cranfield), lower-cased.</summary>
    public static string ResolveName(string? name, string corpusPath)
    {
        var candidate = name ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(corpusPath)))?.ToLowerInvariant() ?? "";
        return CorpusName.IsValid(candidate)
            ? candidate
            : throw new CliUsageException(name is null
                ? $"cannot name the corpus after the folder '{candidate}' ({CorpusName.Rule}); give --name."
                : $"--name '{name}' is not a valid corpus name ({CorpusName.Rule}).");
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

    public static async Task<RunStatus> UploadAsync(GenqApiClient client, string corpus, string path, CancellationToken cancellationToken, bool append = false)
    {
        try
        {
            return await client.UploadDocumentsAsync(corpus, path, cancellationToken, append);
        }
        catch (ApiProblemException ex) when (append && ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Conflict && ex.Problem?.Detail is { } detail)
        {
            // No such corpus, or an id it already has: the API's words name the corpus or the line.
            throw new CliUsageException($"{path}: {detail}", ex);
        }
        catch (ApiProblemException ex) when (ex.Status == HttpStatusCode.BadRequest && ex.Problem?.FieldErrors().FirstOrDefault(e => e.Field == "body") is { Message: { } message })
        {
            throw new CliUsageException($"{path}: {message}", ex);
        }
    }
}
