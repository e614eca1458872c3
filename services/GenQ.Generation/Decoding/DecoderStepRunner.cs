using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Runs the decoder for one batch and hands back the last position's logits per row. With the cache, the first step
/// runs the no-past decoder, which also returns the cross-attention keys/values (kept for the whole batch); every later
/// step feeds one new token per row plus the previous step's present.* as past_key_values.* and so only attends,
/// never recomputes. Full recompute runs the no-past decoder over the whole prefix each step.
/// </summary>
internal sealed class DecoderStepRunner : IDisposable
{
    private readonly T5OnnxModel _model;
    private readonly RunOptions _runOptions;
    private readonly int _rows;
    private readonly OrtValue _encoderStates;
    private readonly OrtValue _encoderMask;
    private readonly OrtValue? _dummyPast;
    private readonly OrtValue? _useCacheFalse;
    private readonly OrtValue? _useCacheTrue;
    private IDisposableReadOnlyCollection<OrtValue>? _firstStep;
    private IDisposableReadOnlyCollection<OrtValue>? _previousStep;
    private readonly Dictionary<string, int> _firstStepIndex = new(StringComparer.Ordinal);

    public DecoderStepRunner(T5OnnxModel model, EncodedBatch batch, RunOptions runOptions)
    {
        _model = model;
        _runOptions = runOptions;
        _rows = batch.Rows;
        Logits = new float[batch.Rows * model.Config.VocabSize];
        _encoderStates = OrtValue.CreateTensorValueFromMemory(batch.HiddenStates, [batch.Rows, batch.Length, batch.DModel]);
        _encoderMask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, [batch.Rows, batch.Length]);
        if (model.FirstSignature.UseCacheBranch is not null)
        {
            // The merged decoder declares past inputs even on its no-cache branch, which ignores them.
            var config = model.Config;
            _dummyPast = OrtValue.CreateTensorValueFromMemory(new float[batch.Rows * config.NumHeads * config.HeadDim], [batch.Rows, config.NumHeads, 1, config.HeadDim]);
            _useCacheFalse = OrtValue.CreateTensorValueFromMemory(new[] { false }, [1]);
            _useCacheTrue = OrtValue.CreateTensorValueFromMemory(new[] { true }, [1]);
        }
    }

    /// <summary>[rows, vocab] logits of the last decoded position, refreshed by each step.</summary>
    public float[] Logits { get; }

    public int Steps { get; private set; }

    /// <summary>One cached step: <paramref name="lastTokens"/> holds each row's newest token (the start token at step 0).</summary>
    public void CachedStep(long[] lastTokens)
    {
        using var ids = OrtValue.CreateTensorValueFromMemory(lastTokens, [_rows, 1]);
        if (_firstStep is null)
        {
            var signature = _model.FirstSignature;
            var outputs = new List<string> { signature.Logits };
            foreach (var kv in signature.Present)
            {
                outputs.AddRange([kv.DecoderKey, kv.DecoderValue, kv.EncoderKey!, kv.EncoderValue!]);
            }

            _firstStep = Run(_model.FirstDecoder, signature, ids, useCache: false, pastFromPrevious: false, outputs);
            for (var i = 0; i < outputs.Count; i++)
            {
                _firstStepIndex[outputs[i]] = i;
            }

            _previousStep = _firstStep;
        }
        else
        {
            var signature = _model.PastSignature;
            var outputs = new List<string> { signature.Logits };
            foreach (var kv in signature.Present)
            {
                outputs.AddRange([kv.DecoderKey, kv.DecoderValue]);
            }

            var result = Run(_model.PastDecoder, signature, ids, useCache: true, pastFromPrevious: true, outputs);
            if (_previousStep != _firstStep)
            {
                _previousStep!.Dispose();
            }

            _previousStep = result;
        }

        CopyLastLogits(_previousStep[0]);
        Steps++;
    }

    /// <summary>One full-recompute step over <paramref name="prefixes"/> ([rows, length], start token first).</summary>
    public void FullStep(long[] prefixes, int length)
    {
        using var ids = OrtValue.CreateTensorValueFromMemory(prefixes, [_rows, length]);
        using var result = Run(_model.FirstDecoder, _model.FirstSignature, ids, useCache: false, pastFromPrevious: false, [_model.FirstSignature.Logits]);
        CopyLastLogits(result[0]);
        Steps++;
    }

    private IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, DecoderSignature signature, OrtValue ids, bool useCache, bool pastFromPrevious, IReadOnlyCollection<string> outputs)
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
            if (!pastFromPrevious)
            {
                values.AddRange([_dummyPast!, _dummyPast!, _dummyPast!, _dummyPast!]);
                continue;
            }

            var present = _model.FirstSignature.Present[layer];
            var fromFirst = _previousStep == _firstStep;
            values.Add(fromFirst ? _firstStep![_firstStepIndex[present.DecoderKey]] : _previousStep![1 + (2 * layer)]);
            values.Add(fromFirst ? _firstStep![_firstStepIndex[present.DecoderValue]] : _previousStep![2 + (2 * layer)]);
            values.Add(_firstStep![_firstStepIndex[present.EncoderKey!]]);
            values.Add(_firstStep![_firstStepIndex[present.EncoderValue!]]);
        }

        return session.Run(_runOptions, names, values, outputs);
    }

    private void CopyLastLogits(OrtValue logits)
    {
        var data = logits.GetTensorDataAsSpan<float>(); // [rows, length, vocab]
        var vocab = Logits.Length / _rows;
        var length = data.Length / (_rows * vocab);
        if (length * _rows * vocab != data.Length)
        {
            throw new InvalidDataException($"Decoder logits hold {data.Length} values, not a multiple of {_rows} rows x vocab_size {vocab} (config.json).");
        }

        for (var r = 0; r < _rows; r++)
        {
            data.Slice(((r * length) + length - 1) * vocab, vocab).CopyTo(Logits.AsSpan(r * vocab));
        }
    }

    public void Dispose()
    {
        if (_previousStep != _firstStep)
        {
            _previousStep?.Dispose();
        }

        _firstStep?.Dispose();
        _encoderStates.Dispose();
        _encoderMask.Dispose();
        _dummyPast?.Dispose();
        _useCacheFalse?.Dispose();
        _useCacheTrue?.Dispose();
    }
}
