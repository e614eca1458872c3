namespace GenQ.SearchApi.Security;

/// <summary>Marks an endpoint guarded by the API key filter, so the OpenAPI document can declare the requirement.</summary>
/// <param name="IsWrite">Always checked (writes) or only when <see cref="ApiKeyOptions.RequireForReads"/> is on.</param>
public sealed record ApiKeyEndpointMetadata(bool IsWrite);
