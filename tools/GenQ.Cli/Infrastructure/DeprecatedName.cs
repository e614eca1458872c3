namespace GenQ.Cli.Infrastructure;

/// <summary>
/// Marks a command registered under its old name (the service commands before they moved under `genq api`): it still
/// runs, after one line on stderr that names the new spelling. Kept for one release.
/// </summary>
/// <param name="Old">The name as typed, e.g. "eval".</param>
/// <param name="New">What to type instead, e.g. "api evaluate".</param>
public sealed record DeprecatedName(string Old, string New)
{
    public string Note => $"note: 'genq {Old}' is deprecated and will be removed in the next release; use 'genq {New}'.";
}
