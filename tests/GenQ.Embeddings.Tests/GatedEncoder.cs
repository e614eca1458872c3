using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;

namespace GenQ.Embeddings.Tests;

/// <summary>
/// Test decorator around the real encoder: records every inner call, can hold the first call until released (so the
/// test knows which requests queue behind it) and throws for the text "poison".
/// </summary>
internal sealed class GatedEncoder(OnnxSentenceEncoder inner, bool holdFirstCall) : ISentenceEncoder
{
    public const string Poison = "poison";
    private readonly ManualResetEventSlim _release = new(!holdFirstCall);
    private int _calls;

    public SemaphoreSlim FirstCallStarted { get; } = new(0);

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public ModelManifest Manifest => inner.Manifest;

    public int Dimension => inner.Dimension;

    public void Release() => _release.Set();

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            Calls.Add(texts.ToArray());
        }

        if (Interlocked.Increment(ref _calls) == 1)
        {
            FirstCallStarted.Release();
            _release.Wait(TimeSpan.FromSeconds(30));
        }

        return texts.Contains(Poison) ? throw new InvalidDataException("poisoned text") : inner.Encode(texts, cancellationToken);
    }

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        => Task.Run(() => Encode(texts, cancellationToken), cancellationToken);

    public void Dispose() => _release.Dispose();
}
