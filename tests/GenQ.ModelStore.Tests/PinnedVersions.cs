using GenQ.Contracts.Models;

namespace GenQ.ModelStore.Tests;

/// <summary>A service that serves fixed versions (what the index's live version would be).</summary>
public sealed class PinnedVersions(params string[] versions) : IModelsInUse
{
    public Task<IReadOnlyCollection<string>> GetAsync(string corpus, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>(versions);
}
