using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// The decoder's key/value cache: per layer the self-attention keys/values (grown every step) and the cross-attention
/// ones (computed at step 0). Values live inside ONNX Runtime result collections or tensors made by row selection;
/// an owner is disposed as soon as no slot refers to it any more.
/// </summary>
internal sealed class KvState(int layers) : IDisposable
{
    private readonly (OrtValue Value, IDisposable Owner)?[] _slots = new (OrtValue, IDisposable)?[layers * 4];
    private readonly HashSet<IDisposable> _owners = [];

    public int Layers => layers;

    public bool HasCache => _slots[0] is not null;

    public OrtValue SelfKey(int layer) => Get(layer, 0);

    public OrtValue SelfValue(int layer) => Get(layer, 1);

    public OrtValue CrossKey(int layer) => Get(layer, 2);

    public OrtValue CrossValue(int layer) => Get(layer, 3);

    public void SetSelf(int layer, OrtValue key, OrtValue value, IDisposable owner)
    {
        _slots[(layer * 4) + 0] = (key, owner);
        _slots[(layer * 4) + 1] = (value, owner);
        _owners.Add(owner);
    }

    public void SetCross(int layer, OrtValue key, OrtValue value, IDisposable owner)
    {
        _slots[(layer * 4) + 2] = (key, owner);
        _slots[(layer * 4) + 3] = (value, owner);
        _owners.Add(owner);
    }

    /// <summary>Disposes every owner no slot refers to; <paramref name="newest"/> (a step's results) is disposed too when nothing uses it.</summary>
    public void ReleaseUnused(IDisposable? newest = null)
    {
        if (newest is not null)
        {
            _owners.Add(newest);
        }

        var live = _slots.Where(s => s is not null).Select(s => s!.Value.Owner).ToHashSet();
        foreach (var owner in _owners.Where(o => !live.Contains(o)).ToList())
        {
            owner.Dispose();
            _owners.Remove(owner);
        }
    }

    /// <summary>
    /// Replaces every cached tensor by a copy holding <paramref name="rows"/> (batch axis 0, in order): a subset drops
    /// finished rows, repeated indices replicate a passage's first-step cache for each of its sequences.
    /// <paramref name="select"/> makes the copy where the cache lives (host or GPU) and names what owns it; it is told
    /// whether the tensor is a cross-attention one and, if so, its index among them (layer x 2 + 0 for keys, 1 for values).
    /// </summary>
    public void SelectRows(int[] rows, Func<OrtValue, int[], int?, (OrtValue Value, IDisposable Owner)> select)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is { } slot)
            {
                var part = i % 4;
                var copy = select(slot.Value, rows, part >= 2 ? ((i / 4) * 2) + part - 2 : null);
                _slots[i] = copy;
                _owners.Add(copy.Owner);
            }
        }

        ReleaseUnused();
    }

    private OrtValue Get(int layer, int part) =>
        _slots[(layer * 4) + part]?.Value ?? throw new InvalidOperationException("The decoder cache is empty: run the first step before cached steps.");

    public void Dispose()
    {
        foreach (var owner in _owners)
        {
            owner.Dispose();
        }

        _owners.Clear();
        Array.Clear(_slots);
    }
}
