namespace GenQ.Cli.Service;

/// <summary>No answer from the search API at all (connection refused, DNS, timeout); the message says how to start it.</summary>
public sealed class ApiUnreachableException(Uri api, Exception inner) : Exception(
    $"cannot reach the GenQ search API at {api} ({inner.Message}). Start it with `dotnet run --project GenQ.AppHost` "
    + $"or point --api / ${ApiSettings.UrlVariable} at a running one.", inner)
{
    public Uri Api { get; } = api;
}
