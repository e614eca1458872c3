namespace GenQ.SearchApi.Ingestion;

/// <summary>One line of an upload: its text, or why it could not be read (<paramref name="Error"/>).</summary>
internal readonly record struct UploadLine(int Number, string? Text, string? Error);
