using System.Runtime.ExceptionServices;
using GenQ.Embeddings.Models;
using GenQ.Embeddings.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace GenQ.Embeddings.Inference;

/// <summary>
/// Sentence encoder over an exported model folder on ONNX Runtime: WordPiece tokenization, batches of texts sorted by
/// length (little padding), mean pooling over the attention mask and L2 normalisation. Thread-safe.
/// </summary>
public sealed class OnnxSentenceEncoder : ISentenceEncoder
{
    private const string OutputName = "last_hidden_state";
    private readonly InferenceSession _session;
    private readonly BertWordPieceTokenizer _tokenizer;
    private readonly OnnxSentenceEncoderOptions _options;
    private readonly bool _hasTokenTypeIds;
    private readonly int _maxLength;

    private OnnxSentenceEncoder(ModelFolder folder, string modelPath, OnnxSentenceEncoderOptions options, InferenceSession session, string provider)
    {
        Folder = folder;
        ModelPath = modelPath;
        _options = options;
        _session = session;
        ExecutionProvider = provider;
        _tokenizer = BertWordPieceTokenizer.Create(folder.VocabPath, folder.Manifest.LowerCase);
        _maxLength = options.MaxSequenceLength ?? folder.Manifest.MaxSequenceLength;
        var inputs = session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        if (!inputs.Contains("input_ids") || !inputs.Contains("attention_mask"))
        {
            throw new InvalidDataException(
                $"'{modelPath}' must take inputs 'input_ids' and 'attention_mask'; it takes: {string.Join(", ", inputs)}.");
        }

        if (!session.OutputMetadata.ContainsKey(OutputName))
        {
            throw new InvalidDataException(
                $"'{modelPath}' has no output '{OutputName}'; it has: {string.Join(", ", session.OutputMetadata.Keys)}.");
        }

        _hasTokenTypeIds = inputs.Contains("token_type_ids");
    }

    public ModelFolder Folder { get; }

    /// <summary>The ONNX file this encoder runs (model.onnx, or model.int8.onnx for <see cref="EncoderPrecision.Int8"/>).</summary>
    public string ModelPath { get; }

    public ModelManifest Manifest => Folder.Manifest;

    public int Dimension => Folder.Manifest.EmbeddingDimension;

    /// <summary>"CUDA" or "CPU": the execution provider the session runs on.</summary>
    public string ExecutionProvider { get; }

    public BertWordPieceTokenizer Tokenizer => _tokenizer;

    /// <summary>Opens the model folder at <paramref name="modelFolderPath"/> and creates its ONNX Runtime session.</summary>
    public static OnnxSentenceEncoder Create(string modelFolderPath, OnnxSentenceEncoderOptions? options = null, ILogger? logger = null)
        => Create(ModelFolder.Open(modelFolderPath), options, logger);

    public static OnnxSentenceEncoder Create(ModelFolder folder, OnnxSentenceEncoderOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new OnnxSentenceEncoderOptions();
        logger ??= NullLogger.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ConcurrentBatches, 1);
        var modelPath = EncoderModelFiles.Resolve(folder, options.Precision);
        var (session, provider) = OnnxSessionFactory.Open(modelPath, options.SessionSettings, logger);
        try
        {
            var encoder = new OnnxSentenceEncoder(folder, modelPath, options, session, provider);
            EncoderLog.EncoderLoaded(logger, folder.Manifest.ModelName, folder.Manifest.Version, modelPath, provider, options.IntraOpThreads);
            return encoder;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encoded = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            encoded[i] = _tokenizer.Encode(texts[i] ?? throw new ArgumentException($"texts[{i}] is null.", nameof(texts)), _maxLength);
        }

        // Longest first: batches of similar length pad little, and the largest allocation happens first.
        var order = Enumerable.Range(0, texts.Count).OrderByDescending(i => encoded[i].Length).ToArray();
        var result = new float[texts.Count][];
        var batches = (order.Length + _options.BatchSize - 1) / _options.BatchSize;
        void RunBatch(int index)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = index * _options.BatchSize;
            var count = Math.Min(_options.BatchSize, order.Length - start);
            var batch = new List<int[]>(count);
            for (var j = 0; j < count; j++)
            {
                batch.Add(encoded[order[start + j]]);
            }

            var embeddings = EncodeBatch(_tokenizer.Pad(batch));
            for (var j = 0; j < count; j++)
            {
                result[order[start + j]] = embeddings[j]; // distinct slots per batch: no lock needed
            }
        }

        if (_options.ConcurrentBatches > 1 && batches > 1)
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.ConcurrentBatches, CancellationToken = cancellationToken };
            try
            {
                Parallel.For(0, batches, parallel, RunBatch);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]); // the caller sees what a sequential run would throw
            }
        }
        else
        {
            for (var b = 0; b < batches; b++)
            {
                RunBatch(b);
            }
        }

        return result;
    }

    public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        => Task.Run(() => Encode(texts, cancellationToken), cancellationToken);

    /// <summary>Runs one padded batch through the model and pools it.</summary>
    public float[][] EncodeBatch(TokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var names = new List<string>(3) { "input_ids", "attention_mask" };
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);
        using var types = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, batch.Shape);
        var values = new List<OrtValue>(3) { ids, mask };
        if (_hasTokenTypeIds)
        {
            names.Add("token_type_ids");
            values.Add(types);
        }

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [OutputName]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>(); // [batch, seq, dim]
        var dim = Dimension;
        var seq = batch.SequenceLength;
        if (hidden.Length != (long)batch.BatchSize * seq * dim)
        {
            throw new InvalidDataException(
                $"'{ModelPath}' returned {hidden.Length} values for [{batch.BatchSize}, {seq}, {dim}]; does the manifest's embeddingDimension match the model?");
        }

        var embeddings = new float[batch.BatchSize][];
        for (var b = 0; b < batch.BatchSize; b++)
        {
            embeddings[b] = EmbeddingPooling.MeanPoolAndNormalize(
                hidden.Slice(b * seq * dim, seq * dim), batch.AttentionMask.AsSpan(b * seq, seq), dim);
        }

        return embeddings;
    }

    public void Dispose() => _session.Dispose();
}
