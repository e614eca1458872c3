namespace GenQ.Embeddings.Inference;

/// <summary>One caller's request waiting in <see cref="MicroBatchingSentenceEncoder"/>: its texts and its answer.</summary>
internal sealed class PendingEncode
{
    private readonly TaskCompletionSource<float[][]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public PendingEncode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        Texts = texts;
        CancellationToken = cancellationToken;
        // A caller that gives up stops waiting at once; the batch it may be part of finishes for the others.
        _registration = cancellationToken.Register(static state => ((PendingEncode)state!).Cancel(), this);
    }

    public IReadOnlyList<string> Texts { get; }

    public CancellationToken CancellationToken { get; }

    public Task<float[][]> Task => _completion.Task;

    public void Complete(float[][] vectors)
    {
        _completion.TrySetResult(vectors);
        _registration.Dispose();
    }

    public void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        _registration.Dispose();
    }

    public void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
