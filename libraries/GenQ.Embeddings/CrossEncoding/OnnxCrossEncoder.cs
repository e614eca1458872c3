using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Embeddings.CrossEncoding;

/// <summary>
/// A BERT cross-encoder (e.g. cross-encoder/ms-marco-MiniLM-L-6-v2 exported by Optimum) on ONNX Runtime: scores
/// (query, passage) pairs read together as <c>[CLS] query [SEP] passage [SEP]</c>, token types 0 then 1. The score is
/// the model's single logit, the relevance a GPL teacher hands to the trainer. Thread-safe.
/// </summary>
public sealed class OnnxCrossEncoder : IDisposable
{
    public const string ModelFileName = "model.onnx";
    public const string VocabFileName = "vocab.txt";
    private const string OutputName = "logits";
    private readonly InferenceSession _session;
    private readonly OnnxCrossEncoderOptions _options;
    private readonly bool _hasTokenTypeIds;

    private OnnxCrossEncoder(string modelPath, InferenceSession session, string provider, BertWordPieceTokenizer tokenizer, OnnxCrossEncoderOptions options)
    {
        ModelPath = modelPath;
        _session = session;
        _options = options;
        ExecutionProvider = provider;
        Tokenizer = tokenizer;
        MaxSequenceLength = options.MaxSequenceLength ?? (provider == "CUDA" ? 512 : 256);
        var inputs = session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        if (!inputs.Contains("input_ids") || !inputs.Contains("attention_mask"))
        {
            throw new InvalidDataException($"'{modelPath}' must take inputs 'input_ids' and 'attention_mask'; it takes: {string.Join(", ", inputs)}.");
        }

        if (!session.OutputMetadata.ContainsKey(OutputName))
        {
            throw new InvalidDataException(
                $"'{modelPath}' has no output '{OutputName}', so it is not a sequence-classification (cross-encoder) export; it has: {string.Join(", ", session.OutputMetadata.Keys)}.");
        }

        _hasTokenTypeIds = inputs.Contains("token_type_ids");
    }

    /// <summary>The ONNX file this cross-encoder runs.</summary>
    public string ModelPath { get; }

    /// <summary>"CUDA" or "CPU": the execution provider the session runs on.</summary>
    public string ExecutionProvider { get; }

    /// <summary>Token limit per pair in effect (<see cref="OnnxCrossEncoderOptions.MaxSequenceLength"/> or its default).</summary>
    public int MaxSequenceLength { get; }

    public BertWordPieceTokenizer Tokenizer { get; }

    /// <summary>Opens a folder holding <c>model.onnx</c> and <c>vocab.txt</c> (an Optimum text-classification export).</summary>
    public static OnnxCrossEncoder Create(string modelFolderPath, OnnxCrossEncoderOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFolderPath);
        options ??= new OnnxCrossEncoderOptions();
        logger ??= NullLogger.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        if (options.MaxSequenceLength is < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"OnnxCrossEncoderOptions.MaxSequenceLength = {options.MaxSequenceLength}: must be at least 3 ([CLS] and two [SEP]).");
        }

        var modelPath = RequireFile(modelFolderPath, ModelFileName);
        var tokenizer = BertWordPieceTokenizer.Create(RequireFile(modelFolderPath, VocabFileName), options.LowerCase);
        var (session, provider) = OnnxSessionFactory.Open(modelPath, options.SessionSettings, logger);
        try
        {
            var encoder = new OnnxCrossEncoder(modelPath, session, provider, tokenizer, options);
            CrossEncoderLog.CrossEncoderLoaded(logger, modelPath, provider, encoder.MaxSequenceLength, options.BatchSize);
            return encoder;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>One relevance logit per (query, passage) pair, in the order given.</summary>
    public float[] Score(IReadOnlyList<(string Query, string Passage)> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var encoded = new (int[] Ids, int FirstSegmentLength)[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var (query, passage) = pairs[i];
            encoded[i] = Tokenizer.EncodePair(
                query ?? throw new ArgumentException($"pairs[{i}].Query is null.", nameof(pairs)),
                passage ?? throw new ArgumentException($"pairs[{i}].Passage is null.", nameof(pairs)),
                MaxSequenceLength);
        }

        // Longest first: batches of similar length pad little (padding never changes a score, only costs time).
        var order = Enumerable.Range(0, pairs.Count).OrderByDescending(i => encoded[i].Ids.Length).ToArray();
        var scores = new float[pairs.Count];
        foreach (var chunk in order.Chunk(_options.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = Tokenizer.Pad([.. chunk.Select(i => encoded[i].Ids)], [.. chunk.Select(i => encoded[i].FirstSegmentLength)]);
            var logits = ScoreBatch(batch);
            for (var j = 0; j < chunk.Length; j++)
            {
                scores[chunk[j]] = logits[j];
            }
        }

        return scores;
    }

    /// <summary>Scores off the calling thread; see <see cref="Score"/>.</summary>
    public Task<float[]> ScoreAsync(IReadOnlyList<(string Query, string Passage)> pairs, CancellationToken cancellationToken = default)
        => Task.Run(() => Score(pairs, cancellationToken), cancellationToken);

    /// <summary>Runs one padded pair batch (token types set) through the model: one logit per row.</summary>
    public float[] ScoreBatch(TokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);        // [batch, seq]
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);  // [batch, seq]
        using var types = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, batch.Shape);  // [batch, seq]
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue> { ids, mask };
        if (_hasTokenTypeIds)
        {
            names.Add("token_type_ids");
            values.Add(types);
        }

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [OutputName]);
        var logits = outputs[0].GetTensorDataAsSpan<float>(); // [batch, 1]
        if (logits.Length != batch.BatchSize)
        {
            throw new InvalidDataException(
                $"'{ModelPath}' returned {logits.Length} logits for {batch.BatchSize} pairs; a cross-encoder has one output label (logits [batch, 1]).");
        }

        return logits.ToArray();
    }

    public void Dispose() => _session.Dispose();

    private static string RequireFile(string folder, string name)
    {
        var path = Path.GetFullPath(Path.Combine(folder, name));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Cross-encoder file not found: '{path}'. The folder must hold model.onnx and vocab.txt as written by `optimum-cli export onnx --task text-classification`.", path);
    }
}
