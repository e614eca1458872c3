using GenQ.Embeddings;

namespace GenQ.SearchApi.Search;

/// <summary>One request waiting in <see cref="QueryEncodingLanes"/>: the encoder, its texts, their length and the answer.</summary>
internal sealed class LaneWork
{
    private readonly TaskCompletionSource<float[][]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;

    public LaneWork(ISentenceEncoder encoder, IReadOnlyList<string> texts, int tokens, CancellationToken cancellationToken)
    {
        Encoder = encoder;
        Texts = texts;
        Tokens = tokens;
        CancellationToken = cancellationToken;
        // A caller that gives up stops waiting at once; its work is skipped when a lane reaches it.
        _registration = cancellationToken.Register(static state => ((LaneWork)state!).Cancel(), this);
    }

    public ISentenceEncoder Encoder { get; }

    public IReadOnlyList<string> Texts { get; }

    /// <summary>Token count of the longest text (what a shared Run pads to).</summary>
    public int Tokens { get; }

    public CancellationToken CancellationToken { get; }

    public Task<float[][]> Task => _completion.Task;

    /// <summary>Completed already: cancelled while it waited.</summary>
    public bool IsFinished => _completion.Task.IsCompleted;

    /// <summary>Encodes this request alone on the calling lane thread.</summary>
    public void RunAlone()
    {
        if (IsFinished)
        {
            return;
        }

        try
        {
            Complete(Encoder.Encode(Texts, CancellationToken));
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            Cancel();
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
            _registration.Dispose();
        }
    }

    public void Complete(float[][] vectors)
    {
        _completion.TrySetResult(vectors);
        _registration.Dispose();
    }

    private void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
