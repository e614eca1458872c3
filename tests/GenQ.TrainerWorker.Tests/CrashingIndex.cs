using System.Reflection;
using GenQ.VectorStore;
using GenQ.VectorStore.Model;

namespace GenQ.TrainerWorker.Tests;

/// <summary>
/// The real index with a crash at a chosen point: after a number of upserts (the indexer dies half-way through a
/// version), or right after a version is sealed and before the alias switches to it (dies between the two).
/// </summary>
public class CrashingIndex : DispatchProxy
{
    private IVectorIndex _inner = null!;
    private int _upsertsLeft;
    private bool _crashAfterSealing;

    public static Func<IVectorIndex, IVectorIndex> AfterUpserts(int upserts) => inner => Create(inner, upserts, crashAfterSealing: false);

    public static Func<IVectorIndex, IVectorIndex> AfterSealing() => inner => Create(inner, int.MaxValue, crashAfterSealing: true);

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Name == nameof(IVectorIndex.UpsertAsync) && Interlocked.Decrement(ref _upsertsLeft) < 0)
        {
            return Task.FromException(new IOException("simulated crash half-way through indexing"));
        }
        if (method.Name == nameof(IVectorIndex.PublishVersionAsync) && _crashAfterSealing && args is [string corpus, string version, true, CancellationToken token])
        {
            return SealThenCrashAsync(corpus, version, token);
        }
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    private static IVectorIndex Create(IVectorIndex inner, int upserts, bool crashAfterSealing)
    {
        var proxy = Create<IVectorIndex, CrashingIndex>();
        var crashing = (CrashingIndex)(object)proxy;
        (crashing._inner, crashing._upsertsLeft, crashing._crashAfterSealing) = (inner, upserts, crashAfterSealing);
        return proxy;
    }

    private async Task<AliasSwitchResult> SealThenCrashAsync(string corpus, string version, CancellationToken token)
    {
        await _inner.PublishVersionAsync(corpus, version, activate: false, token);
        throw new IOException("simulated crash between sealing the version and switching the alias");
    }
}
