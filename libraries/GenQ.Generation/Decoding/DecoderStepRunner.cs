using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Runs the decoder for one batch of rows (passage x returned sequence) and hands back the last position's logits per
/// active row. The first step runs the no-past decoder on the start token, which also returns every layer's
/// cross-attention keys/values; shared, it runs once per passage (a passage's rows have the same encoder output and
/// the same start token, so the same logits and cache) and the cache rows are then replicated per row. Every later
/// step feeds one new token per row plus the previous step's present.* as past_key_values.*, so it only attends, never
/// recomputes. Full recompute runs the no-past decoder over the whole prefix each step. Finished rows can be dropped
/// (<see cref="KeepRows"/>) so they stop costing compute.
/// <para>
/// Bound to the device (the default on CUDA): each step binds its present.* outputs to the session's device memory
/// (ONNX Runtime I/O binding) and feeds them back as the next step's past_key_values.* where they are, and rows are
/// replicated or dropped there by <see cref="RowGatherGraph"/>; only the logits (for sampling), the new tokens and the
/// encoder states of a new batch cross to and from the host. Unbound (the default on CPU, where host is the device)
/// a plain Run returns every output in host memory, and rows are copied on the host.
/// </para>
/// </summary>
internal sealed class DecoderStepRunner : IDisposable
{
    private readonly T5OnnxModel _model;
    private readonly RunOptions _runOptions;
    private readonly int _vocab;
    private readonly OrtValue? _dummyPast;
    private readonly OrtValue? _useCacheFalse;
    private readonly OrtValue? _useCacheTrue;
    private readonly OrtValue? _placeholderStates;
    private readonly KvState _state;
    private readonly OrtValue _passageStates;
    private readonly OrtValue _passageMask;
    private readonly int _passages;
    private readonly bool _bindToDevice;
    private readonly HostCrossCache? _hostCross;
    private OrtValue _rowMask;
    private OrtValue? _rowStates;
    private int[] _rowPassage;

    /// <param name="rowPassage">the passage (row of <paramref name="batch"/>) of each decoder row.</param>
    /// <param name="bindToDevice">keep the cache in the session's device memory between steps (I/O binding).</param>
    public DecoderStepRunner(T5OnnxModel model, EncodedBatch batch, int[] rowPassage, RunOptions runOptions, bool bindToDevice)
    {
        _model = model;
        _bindToDevice = bindToDevice;
        _runOptions = runOptions;
        _rowPassage = rowPassage;
        _passages = batch.Passages;
        _vocab = model.Config.VocabSize;
        _state = new KvState(model.Config.DecoderLayers);
        _hostCross = bindToDevice ? null : new HostCrossCache(model.HostBuffers, 2 * model.Config.DecoderLayers);
        Logits = new float[rowPassage.Length * _vocab];
        _passageStates = OrtValue.CreateTensorValueFromMemory(batch.HiddenStates, [batch.Passages, batch.Length, batch.DModel]);
        _passageMask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, [batch.Passages, batch.Length]);
        _rowMask = OrtRows.Select<long>(_passageMask, rowPassage);
        if (model.FirstSignature.UseCacheBranch is not null)
        {
            // The merged decoder declares past inputs even on its no-cache branch, which ignores them, and
            // encoder_hidden_states on its cache branch, which ignores that (the cross-attention cache replaces it).
            var config = model.Config;
            _dummyPast = OrtValue.CreateTensorValueFromMemory(new float[config.NumHeads * config.HeadDim], [1, config.NumHeads, 1, config.HeadDim]);
            _placeholderStates = OrtValue.CreateTensorValueFromMemory(new float[batch.DModel], [1, 1, batch.DModel]);
            _useCacheFalse = OrtValue.CreateTensorValueFromMemory(new[] { false }, [1]);
            _useCacheTrue = OrtValue.CreateTensorValueFromMemory(new[] { true }, [1]);
        }
    }

    /// <summary>[active rows, vocab] logits of the last decoded position, refreshed by each step.</summary>
    public float[] Logits { get; private set; }

    private int Rows => _rowPassage.Length;

    /// <summary>
    /// Step 0 on the start token. With <paramref name="sharePerPassage"/> the decoder runs on one row per passage and
    /// each row gets its passage's logits and a copy of its cache rows; without, on every row (plain batching).
    /// </summary>
    public void FirstStep(long startToken, bool sharePerPassage)
    {
        var signature = _model.FirstSignature;
        var runRows = sharePerPassage ? _passages : Rows;
        var start = new long[runRows];
        Array.Fill(start, startToken);
        using var ids = OrtValue.CreateTensorValueFromMemory(start, [runRows, 1]);
        var outputs = new List<string> { signature.Logits };
        foreach (var kv in signature.Present)
        {
            outputs.AddRange([kv.DecoderKey, kv.DecoderValue, kv.EncoderKey!, kv.EncoderValue!]);
        }

        var result = sharePerPassage
            ? Run(_model.FirstDecoder, signature, ids, _passageMask, _passageStates, useCache: false, outputs)
            : Run(_model.FirstDecoder, signature, ids, _rowMask, RowStates(), useCache: false, outputs);
        var replicate = sharePerPassage && !IsIdentity(_rowPassage);
        CopyLastLogits(result[0], runRows, sharePerPassage ? _rowPassage : null);
        for (var layer = 0; layer < _state.Layers; layer++)
        {
            var o = 1 + (4 * layer);
            _state.SetSelf(layer, result[o], result[o + 1], result);
            _state.SetCross(layer, result[o + 2], result[o + 3], result);
        }

        if (replicate)
        {
            _state.SelectRows(_rowPassage, SelectCacheRows); // [passages, ...] -> [rows, ...]: row r gets passage _rowPassage[r]'s cache
        }

        _state.ReleaseUnused(result);
        DisposeRowStates(); // later steps read the cross-attention cache, not the encoder states
    }

    /// <summary>One cached step after the first: <paramref name="lastTokens"/> holds each active row's newest token.</summary>
    public void CachedStep(long[] lastTokens)
    {
        using var ids = OrtValue.CreateTensorValueFromMemory(lastTokens, [Rows, 1]);
        var signature = _model.PastSignature;
        var outputs = new List<string> { signature.Logits };
        foreach (var kv in signature.Present)
        {
            outputs.AddRange([kv.DecoderKey, kv.DecoderValue]);
        }

        var states = signature.EncoderHiddenStates is null ? null : _placeholderStates ?? RowStates();
        var result = Run(_model.PastDecoder, signature, ids, _rowMask, states, useCache: true, outputs);
        CopyLastLogits(result[0], Rows, null);
        for (var layer = 0; layer < _state.Layers; layer++)
        {
            _state.SetSelf(layer, result[1 + (2 * layer)], result[2 + (2 * layer)], result);
        }

        _state.ReleaseUnused(result);
    }

    /// <summary>One full-recompute step over <paramref name="prefixes"/> ([active rows, length], start token first).</summary>
    public void FullStep(long[] prefixes, int length)
    {
        using var ids = OrtValue.CreateTensorValueFromMemory(prefixes, [Rows, length]);
        using var result = Run(_model.FirstDecoder, _model.FirstSignature, ids, _rowMask, RowStates(), useCache: false, [_model.FirstSignature.Logits]);
        CopyLastLogits(result[0], Rows, null);
    }

    /// <summary>Keeps only the given active rows (in order) in the encoder mask and the cache.</summary>
    public void KeepRows(int[] rows)
    {
        if (rows.Length == Rows)
        {
            return;
        }

        var mask = OrtRows.Select<long>(_rowMask, rows);
        _rowMask.Dispose();
        _rowMask = mask;
        DisposeRowStates();
        _state.SelectRows(rows, SelectCacheRows);
        _rowPassage = rows.Select(r => _rowPassage[r]).ToArray();
        Logits = new float[Rows * _vocab];
    }

    /// <summary>[active rows, length, d_model]: each row's passage states, made when a step needs them per row.</summary>
    private OrtValue RowStates() => _rowStates ??= OrtRows.Select<float>(_passageStates, _rowPassage);

    private void DisposeRowStates()
    {
        _rowStates?.Dispose();
        _rowStates = null;
    }

    private IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, DecoderSignature signature, OrtValue ids, OrtValue mask, OrtValue? states, bool useCache, IReadOnlyCollection<string> outputs)
    {
        var names = new List<string> { signature.InputIds, signature.EncoderAttentionMask };
        var values = new List<OrtValue> { ids, mask };
        if (signature.EncoderHiddenStates is not null)
        {
            names.Add(signature.EncoderHiddenStates);
            values.Add(states ?? throw new InvalidOperationException($"'{signature.File}' needs encoder_hidden_states."));
        }

        if (signature.UseCacheBranch is not null)
        {
            names.Add(signature.UseCacheBranch);
            values.Add(useCache ? _useCacheTrue! : _useCacheFalse!);
        }

        for (var layer = 0; layer < signature.Past.Length; layer++)
        {
            var past = signature.Past[layer];
            names.AddRange([past.DecoderKey, past.DecoderValue, past.EncoderKey!, past.EncoderValue!]);
            values.AddRange(useCache
                ? [_state.SelfKey(layer), _state.SelfValue(layer), _state.CrossKey(layer), _state.CrossValue(layer)]
                : [_dummyPast!, _dummyPast!, _dummyPast!, _dummyPast!]);
        }

        return _bindToDevice
            ? RunBound(session, names, values, outputs.Select((name, i) => (name, i == 0 ? OrtMemoryInfo.DefaultInstance : _model.DeviceMemory)))
            : session.Run(_runOptions, names, values, outputs);
    }

    /// <summary>
    /// Runs <paramref name="session"/> with I/O binding: each output lands where its pair says (the decoder's logits in
    /// host memory for sampling, the cache tensors on the session's device); returns the outputs in that order.
    /// </summary>
    private IDisposableReadOnlyCollection<OrtValue> RunBound(InferenceSession session, IReadOnlyList<string> names, IReadOnlyList<OrtValue> values,
        IEnumerable<(string Name, OrtMemoryInfo Memory)> outputs)
    {
        using var binding = session.CreateIoBinding();
        for (var i = 0; i < names.Count; i++)
        {
            binding.BindInput(names[i], values[i]); // host inputs (tokens, mask, row indices) are copied over by ONNX Runtime
        }

        foreach (var (name, memory) in outputs)
        {
            binding.BindOutputToDevice(name, memory);
        }

        binding.SynchronizeBoundInputs();
        session.RunWithBinding(_runOptions, binding);
        binding.SynchronizeBoundOutputs();
        return binding.GetOutputValues();
    }

    /// <summary>
    /// Rows of one cached tensor, copied where it lives: on the host (the cross-attention tensors into the cohort's
    /// reused <see cref="HostCrossCache"/>, the small self-attention ones into new tensors), or by the row-gather graph
    /// on the device.
    /// </summary>
    private (OrtValue Value, IDisposable Owner) SelectCacheRows(OrtValue source, int[] rows, int? crossTensor)
    {
        if (!_bindToDevice)
        {
            var copy = crossTensor is { } tensor ? _hostCross!.Select(tensor, source, rows) : OrtRows.Select<float>(source, rows);
            return (copy, copy);
        }

        using var indices = OrtValue.CreateTensorValueFromMemory(rows.Select(r => (long)r).ToArray(), [rows.Length]);
        var selected = RunBound(_model.RowGather, [RowGatherGraph.Data, RowGatherGraph.Rows], [source, indices], [(RowGatherGraph.Selected, _model.DeviceMemory)]);
        return (selected[0], selected);
    }

    /// <summary>Copies the last position's logits of each active row; <paramref name="source"/>[r] is the run row row r reads (null: r).</summary>
    private void CopyLastLogits(OrtValue logits, int runRows, int[]? source)
    {
        var data = logits.GetTensorDataAsSpan<float>(); // [run rows, length, vocab]
        var length = data.Length / (runRows * _vocab);
        if (length * runRows * _vocab != data.Length)
        {
            throw new InvalidDataException($"Decoder logits hold {data.Length} values, not a multiple of {runRows} rows x vocab_size {_vocab} (config.json).");
        }

        for (var r = 0; r < Rows; r++)
        {
            var from = source?[r] ?? r;
            data.Slice(((from * length) + length - 1) * _vocab, _vocab).CopyTo(Logits.AsSpan(r * _vocab));
        }
    }

    private static bool IsIdentity(int[] map)
    {
        for (var i = 0; i < map.Length; i++)
        {
            if (map[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        _state.Dispose();
        _hostCross?.Dispose(); // after the cache views on it
        DisposeRowStates();
        _passageStates.Dispose();
        _passageMask.Dispose();
        _rowMask.Dispose();
        _placeholderStates?.Dispose();
        _dummyPast?.Dispose();
        _useCacheFalse?.Dispose();
        _useCacheTrue?.Dispose();
    }
}
