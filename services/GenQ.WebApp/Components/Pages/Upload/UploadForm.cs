using GenQ.Contracts.Runs;

namespace GenQ.WebApp.Components.Pages.Upload;

/// <summary>The upload form's text fields (the file itself is read from the request's form files).</summary>
public sealed class UploadForm
{
    public string? Corpus { get; set; }

    public string? ApiKey { get; set; }

    public string? Format { get; set; }

    /// <summary><c>append</c> adds the file to the corpus; anything else replaces the corpus (the API's default).</summary>
    public string? Mode { get; set; }

    public UploadMode UploadMode => string.Equals(Mode, "append", StringComparison.Ordinal) ? UploadMode.Append : UploadMode.Replace;
}
