namespace GenQ.WebApp.Components.Pages.Upload;

/// <summary>The upload form's text fields (the file itself is read from the request's form files).</summary>
public sealed class UploadForm
{
    public string? Corpus { get; set; }

    public string? ApiKey { get; set; }

    public string? Format { get; set; }
}
