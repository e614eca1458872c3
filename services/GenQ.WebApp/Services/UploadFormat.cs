namespace GenQ.WebApp.Services;

/// <summary>How the API should read an upload: BEIR JSON lines or one document per line of plain text.</summary>
public enum UploadFormat
{
    JsonLines,
    PlainText,
}
