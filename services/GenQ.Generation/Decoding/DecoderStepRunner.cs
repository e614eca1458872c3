using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Runs the decoder for one batch and hands back the last position's logits per active row. With the cache, the first
/// step runs the no-past decoder, which also returns the cross-attention keys/values (kept for the whole batch); every
/// later step feeds one new token per row plus the previous step's present.* as past_key_values.*, so it only attends,
/// never recomputes. Full recompute runs the no-past decoder over the whole prefix each step. Finished rows can be
/// dropped (<see cref="KeepRows"/>) so they stop costing compute.
/// </summary>
internal sealed class DecoderStepRunner : IDisposable
{
    private readonly T5OnnxModel _model;
    private readonly RunOptions _runOptions;
    private readonly int _vocab;
    private readonly OrtValue? _dummyPast;
    private readonly OrtValue? _useCacheFalse;
    private readonly OrtValue? _useCacheTrue;
    private readonly KvState _state;
    private OrtValue _encoderStates;
    private OrtValue _encoderMask;
    private int _rows;

    public DecoderStepRunner(T5OnnxModel model, EncodedBatch batch, RunOptions runOptions)
    {
        _model = model;
        _runOptions = runOptions;
        _rows = batch.Rows;
        _vocab = model.Config.VocabSize;
        _state = new KvState(model.Config.DecoderLayers);
        Logits = new float[batch.Rows * _vocab];
        _encoderStates = OrtValue.CreateTensorValueFromMemory(batch.HiddenStates, [batch.Rows, batch.Length, batch.DModel]);
        _encoderMask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, [batch.Rows, batch.Length]);
        if (model.FirstSignature.UseCacheBranch is not null)
        {
            // The merged decoder declares past inputs even on its no-cache branch, which ignores them.
            var config = model.Config;
            _dummyPast = OrtValue.CreateTensorValueFromMemory(new float[config.NumHeads * config.HeadDim], [1, config.NumHeads, 1, config.HeadDim]);
            _useCacheFalse = OrtValue.CreateTensorValueFromMemory(new[] { false }, [1]);
            _useCacheTrue = OrtValue.CreateTensorValueFromMemory(new[] { true }, [1]);
        }
    }

    /// <summary>[active rows, vocab] logits of the last decoded position, refreshed by each step.</summary>
    public float[] Logits { get; private set; }

    /// <summary>One cached step: <paramref name="lastTokens"/> holds each active row's newest token (the start token at step 0).</summary>
    public void CachedStep(long[] lastTokens)
    {
        using var ids = OrtValue.CreateTensorValueFromMemory(lastTokens, [_rows, 1]);
        var first = !_state.HasCache;
        var signature = first ? _model.FirstSignature : _model.PastSignature;
        var outputs = new List<string> { signature.Logits };
        foreach (var kv in signature.Present)
        {
            outputs.AddRange(first ? [kv.DecoderKey, kv.DecoderValue, kv.EncoderKey!, kv.EncoderValue!] : [kv.DecoderKey, kv.DecoderValue]);
        }

        var result = Run(first ? _model.FirstDecoder : _model.PastDecoder, signature, ids, useCache: !first, outputs);
        CopyLastLogits(result[0]);
        var stride = first ? 4 : 2;
        for (var layer = 0; layer < _state.Layers; layer++)
        {
            var o = 1 + (stride * layer);
            _state.SetSelf(layer, result[o], result[o + 1], result);
            if (first)
            {
                _state.SetCross(layer, result[o + 2], result[o + 3], result);
            }
        }

        _state.ReleaseUnused(result);
    }

    /// <summary>One full-recompute step over <paramref name="prefixes"/> ([active rows, length], start token first).</summary>
    public void FullStep(long[] prefixes, int length)
    {
        using var ids = OrtValue.CreateTensorValueFromMemory(prefixes, [_rows, length]);
        using var result = Run(_model.FirstDecoder, _model.FirstSignature, ids, useCache: false, [_model.FirstSignature.Logits]);
        CopyLastLogits(result[0]);
    }

    /// <summary>Keeps only the given active rows (in order) in the encoder inputs and the cache.</summary>
    public void KeepRows(int[] rows)
    {
        if (rows.Length == _rows)
        {
            return;
        }

        var states = OrtRows.Select<float>(_encoderStates, rows);
        var mask = OrtRows.Select<long>(_encoderMask, rows);
        _encoderStates.Dispose();
        _encoderMask.Dispose();
        _encoderStates = states;
        _encoderMask = mask;
        _state.KeepRows(rows);
        _rows = rows.Length;
        Logits = new float[_rows * _vocab];
    }

    private IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, DecoderSignature signature, OrtValue ids, bool useCache, IReadOnlyCollection<string> outputs)
    {
        var names = new List<string> { signature.InputIds, signature.EncoderAttentionMask };
        var values = new List<OrtValue> { ids, _encoderMask };
        if (signature.EncoderHiddenStates is not null)
        {
            names.Add(signature.EncoderHiddenStates);
            values.Add(_encoderStates);
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

        return session.Run(_runOptions, names, values, outputs);
    }

    private void CopyLastLogits(OrtValue logits)
    {
        var data = logits.GetTensorDataAsSpan<float>(); // [rows, length, vocab]
        var length = data.Length / (_rows * _vocab);
        if (length * _rows * _vocab != data.Length)
        {
            throw new InvalidDataException($"Decoder logits hold {data.Length} values, not a multiple of {_rows} rows x vocab_size {_vocab} (config.json).");
        }

        for (var r = 0; r < _rows; r++)
        {
            data.Slice(((r * length) + length - 1) * _vocab, _vocab).CopyTo(Logits.AsSpan(r * _vocab));
        }
    }

    public void Dispose()
    {
        _state.Dispose();
        _encoderStates.Dispose();
        _encoderMask.Dispose();
        _dummyPast?.Dispose();
        _useCacheFalse?.Dispose();
        _useCacheTrue?.Dispose();
    }
}
