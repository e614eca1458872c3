using GenQ.Generation.Modeling;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Generation.Decoding;

/// <summary>
/// Passages decoded together, step by step: their encoder output, a <see cref="DecoderStepRunner"/> over their rows
/// (passage x returned sequence), and each row's tokens so far. Every row of a cohort is at the same step, which the
/// T5 decoder needs: it takes no decoder attention mask and derives the self-attention positions from the cache length.
/// </summary>
internal sealed class DecodingCohort : IDisposable
{
    private readonly T5ModelConfig _config;
    private readonly GenerationOptions _options;
    private readonly StepSampler _sampler;
    private readonly StepSampler.Row[] _rows;
    private readonly long[] _next;
    private readonly DecoderStepRunner _runner;
    private readonly bool _shareFirstStep;
    private readonly int[]? _endSchedule;
    private readonly List<long>[] _tokens;
    private readonly bool[] _finished;
    private readonly long[] _lastTokens;
    private readonly double[] _uniforms;
    private readonly bool _compactLazily;
    private int[] _active; // cohort row of each row in the decoder's tensors (finished rows may still ride along)
    private int _live;
    private int _step;

    /// <param name="endSchedule">EOS schedule of these rows only (test and bench seam), or null.</param>
    /// <param name="compactLazily">
    /// KV cache: finished rows stay in the decoder's tensors (fed their EOS, their logits ignored) until at least half
    /// of the rows there are finished, then all finished rows leave at once. Dropping rows copies the whole cache, the
    /// cross-attention keys/values over the passage included (about 22 MB per row for T5-base), so dropping at every
    /// finish costs a full cache copy per distinct finishing step; an extra row costs a step almost nothing while a
    /// step is bound by reading the decoder weights. Rows are independent, so the output is the same either way.
    /// </param>
    /// <param name="bindToDevice">keep the decoder's cache in the session's device memory between steps (<see cref="DecoderStepRunner"/>).</param>
    public DecodingCohort(T5OnnxModel model, IReadOnlyList<long[]> inputs, GenerationOptions options, StepSampler sampler,
        bool shareFirstStep, int[]? endSchedule, RunOptions runOptions, bool compactLazily, bool bindToDevice)
    {
        _config = model.Config;
        _options = options;
        _sampler = sampler;
        _shareFirstStep = shareFirstStep;
        _endSchedule = endSchedule;
        var repeats = options.QueriesPerPassage;
        var rows = inputs.Count * repeats;
        _tokens = Enumerable.Range(0, rows).Select(_ => new List<long>(options.MaxNewTokens)).ToArray();
        _finished = new bool[rows];
        _lastTokens = new long[rows];
        _uniforms = new double[rows];
        _rows = new StepSampler.Row[rows];
        _next = new long[rows];
        _compactLazily = compactLazily && options.Decoding == DecodingStrategy.KvCache;
        _active = Enumerable.Range(0, rows).ToArray();
        _live = rows;
        var batch = EncodedBatch.Encode(model, inputs, runOptions);
        _runner = new DecoderStepRunner(model, batch, Enumerable.Range(0, rows).Select(r => r / repeats).ToArray(), runOptions, bindToDevice);
    }

    public bool Done => _live == 0 || _step >= _options.MaxNewTokens;

    /// <summary>Rows still decoding.</summary>
    public int ActiveRows => Done ? 0 : _live;

    /// <summary>One decoder step for every active row; draws one uniform per row of the cohort (finished ones too) from <paramref name="random"/>.</summary>
    public void Step(Random random)
    {
        var vocab = _config.VocabSize;
        if (_options.Decoding == DecodingStrategy.KvCache && _step == 0)
        {
            _runner.FirstStep(_config.DecoderStartTokenId, _shareFirstStep);
        }
        else if (_options.Decoding == DecodingStrategy.KvCache)
        {
            _runner.CachedStep(_active.Select(r => _lastTokens[r]).ToArray());
        }
        else
        {
            _runner.FullStep(Prefixes(_active.Select(r => _tokens[r]).ToArray(), _config.DecoderStartTokenId, _step), _step + 1);
        }

        // Draws are taken for every row in order so a seed reproduces the run whatever finishes when.
        for (var r = 0; r < _uniforms.Length; r++)
        {
            _uniforms[r] = random.NextDouble();
        }

        var live = 0;
        for (var slot = 0; slot < _active.Length; slot++)
        {
            var r = _active[slot];
            if (!_finished[r]) // a finished row rides along until the next compaction: fed its EOS again, its logits unused
            {
                _rows[live++] = new StepSampler.Row(slot, _step < _options.MinNewTokens || _step + 1 < _endSchedule?[r], _uniforms[r]);
            }
        }

        _sampler.Sample(_runner.Logits, vocab, _rows, live, _next);
        for (var i = 0; i < live; i++)
        {
            var r = _active[_rows[i].Slot];
            var next = _step + 1 == _endSchedule?[r] ? _config.EosTokenId : _next[i];
            _tokens[r].Add(next);
            _lastTokens[r] = next;
            _finished[r] = _config.EosTokenIds.Contains(next);
            if (_finished[r])
            {
                _live--;
            }
        }

        // Finished rows leave the batch: the rest continue on smaller tensors (rows are independent). Lazily: only
        // once at least half of the rows in the tensors are finished (or all are).
        var riding = _active.Length - _live;
        if (riding > 0 && (!_compactLazily || _live == 0 || riding * 2 >= _active.Length))
        {
            var keep = Enumerable.Range(0, _active.Length).Where(slot => !_finished[_active[slot]]).ToArray();
            _active = keep.Select(slot => _active[slot]).ToArray();
            if (_active.Length > 0)
            {
                _runner.KeepRows(keep);
            }
        }

        _step++;
    }

    /// <summary>Every row of the cohort in passage order, with its passage's index in the cohort.</summary>
    public IEnumerable<GeneratedSequence> Results() =>
        _tokens.Select((tokens, r) => new GeneratedSequence(r / _options.QueriesPerPassage, tokens.ToArray(), _finished[r]));

    /// <summary>[rows, step + 1]: the start token, then each (unfinished) row's tokens so far.</summary>
    private static long[] Prefixes(List<long>[] tokens, long startToken, int step)
    {
        var width = step + 1;
        var prefixes = new long[tokens.Length * width];
        for (var r = 0; r < tokens.Length; r++)
        {
            prefixes[r * width] = startToken;
            for (var t = 0; t < tokens[r].Count; t++)
            {
                prefixes[(r * width) + 1 + t] = tokens[r][t];
            }
        }

        return prefixes;
    }

    public void Dispose() => _runner.Dispose();
}
