using GenQ.Contracts.Models;

namespace GenQ.VectorStore;

/// <summary>
/// The live and previous (rollback) versions of a corpus in the index: what a host with an index serves now or may roll
/// back to. The model store's retention never deletes them (trainer worker) and a replica's model cache never evicts
/// them (search API). <see cref="VectorStoreExtensions.AddVectorIndex(Microsoft.Extensions.Hosting.IHostApplicationBuilder, string)"/>
/// registers it as the host's <see cref="IModelsInUse"/>.
/// </summary>
public sealed class IndexModelsInUse(IVectorIndex index) : IModelsInUse
{
    public async Task<IReadOnlyCollection<string>> GetAsync(string corpus, CancellationToken cancellationToken) =>
        (await index.ListVersionsAsync(corpus, cancellationToken).ConfigureAwait(false))
            .Where(v => v.IsLive || v.IsPrevious).Select(v => v.ModelVersion).ToList();
}
