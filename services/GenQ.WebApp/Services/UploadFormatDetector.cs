namespace GenQ.WebApp.Services;

/// <summary>The upload format a person chose, or for "auto" the one the file's name implies (.txt is plain text).</summary>
public static class UploadFormatDetector
{
    public const string Auto = "auto";
    public const string JsonLines = "jsonl";
    public const string PlainText = "text";

    public static UploadFormat Resolve(string? choice, string fileName) => choice switch
    {
        JsonLines => UploadFormat.JsonLines,
        PlainText => UploadFormat.PlainText,
        _ => Path.GetExtension(fileName).Equals(".txt", StringComparison.OrdinalIgnoreCase) ? UploadFormat.PlainText : UploadFormat.JsonLines,
    };
}
