using System.Diagnostics;
using GenQ.Generation.Decoding;
using GenQ.Generation.Modeling;
using Microsoft.Extensions.Logging;

namespace GenQ.Generation;

/// <summary>
/// doc2query with a T5 model on ONNX Runtime: "title text" is tokenized (truncated to MaxInputTokens with &lt;/s&gt;),
/// BatchSize passages are decoded at a time, and each passage's QueriesPerPassage
/// decoded sequences are cleaned.
/// </summary>
public sealed class T5QueryGenerator : IQueryGenerator
{
    private readonly T5OnnxModel _model;
    private readonly T5Seq2SeqGenerator _generator;
    private readonly GenerationOptions _options;
    private readonly ILogger _logger;

    public T5QueryGenerator(T5OnnxModel model, GenerationOptions options, ILogger logger)
    {
        options.Validate();
        _model = model;
        _generator = new T5Seq2SeqGenerator(model);
        _options = options;
        _logger = logger;
    }

    public string Name => _model.Folder.Int8 ? $"t5:{_model.Folder.Name}:int8" : $"t5:{_model.Folder.Name}";

    public T5OnnxModel Model => _model;

    public static T5QueryGenerator Load(GenerationOptions options, ILogger logger)
    {
        var path = options.ModelPath ?? throw new ArgumentException("GenerationOptions.ModelPath must name a T5 model folder.", nameof(options));
        var model = T5OnnxModel.Load(path, options.Provider, options.IntraOpThreads, logger, int8: options.Int8);
        return new T5QueryGenerator(model, options, logger);
    }

    /// <summary>The text the model reads: BEIR's GenQ joins title and text with a space.</summary>
    public static string ModelInput(PassageInput passage) =>
        string.IsNullOrWhiteSpace(passage.Title) ? passage.Text : $"{passage.Title} {passage.Text}";

    public Task<GenerationResult> GenerateAsync(IReadOnlyList<PassageInput> passages, CancellationToken cancellationToken) =>
        Task.Run(() => Generate(passages, cancellationToken), cancellationToken);

    private GenerationResult Generate(IReadOnlyList<PassageInput> passages, CancellationToken cancellationToken)
    {
        if (passages.Count == 0)
        {
            return new GenerationResult(Name, []);
        }

        var stopwatch = Stopwatch.StartNew();
        var random = _options.Seed is { } seed ? new Random(seed) : new Random();
        var inputs = passages.Select(p => _model.Tokenizer.EncodeForModel(ModelInput(p), _options.MaxInputTokens)).ToList();
        var sequences = _generator.GenerateInBatches(inputs, _options, random, cancellationToken);
        var byPassage = sequences.ToLookup(s => s.PassageIndex);
        var results = passages.Select((passage, index) =>
        {
            var own = byPassage[index].ToList();
            return QueryCleaner.Clean(passage.Id, own.Select(s => _model.Tokenizer.Decode(s.Tokens)), own.Sum(s => (long)s.Tokens.Length));
        }).ToList();
        GenerationLog.BatchGenerated(_logger, results.Sum(r => r.Queries.Count), passages.Count, results.Sum(r => r.GeneratedTokens),
            results.Sum(r => r.DroppedEmpty), results.Sum(r => r.DroppedDuplicates), stopwatch.ElapsedMilliseconds);
        return new GenerationResult(Name, results);
    }

    public void Dispose() => _model.Dispose();
}
