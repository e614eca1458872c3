using GenQ.Contracts.Models;

namespace GenQ.ModelStore;

/// <summary>Nothing pinned beyond the version being resolved (for hosts that serve no index).</summary>
public sealed class NoModelsInUse : IModelsInUse
{
    public Task<IReadOnlyCollection<string>> GetAsync(string corpus, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>([]);
}
