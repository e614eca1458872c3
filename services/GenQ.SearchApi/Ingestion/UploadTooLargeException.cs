namespace GenQ.SearchApi.Ingestion;

public sealed class UploadTooLargeException(long limit) : IOException($"The upload is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}
