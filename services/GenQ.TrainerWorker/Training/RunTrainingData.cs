using GenQ.Adaptation.Mining;
using GenQ.Adaptation.Teachers;
using GenQ.Adaptation.TrainingData;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings.CrossEncoding;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Retrieval;
using GenQ.Training;
using GenQ.VectorStore;
using Microsoft.Extensions.Options;

namespace GenQ.TrainerWorker.Training;

/// <summary>
/// What a run trains on: its training pairs (<see cref="TrainingSet"/>: copy filter, pair budget) and, for GPL or when
/// hard negatives are on, a negative per pair mined with the base model and BM25 plus the teacher's margins.
/// </summary>
public sealed class RunTrainingData(
    BaseModelProvider baseModel,
    IOptions<TrainingOptions> trainingOptions,
    IOptions<TrainingDataOptions> dataOptions,
    IOptions<HardNegativeOptions> miningOptions,
    IOptions<TeacherOptions> teacherOptions,
    IOptions<VectorStoreOptions> indexOptions,
    ILogger<RunTrainingData> logger)
{
    public async Task<(IReadOnlyList<TrainingPair> Pairs, TrainingSetResult Set, int WithoutNegative)> BuildAsync(
        IReadOnlyList<QueryPassagePair> trainingPairs, IReadOnlyDictionary<string, PassageRecord> passages, CancellationToken cancellationToken)
    {
        var set = TrainingSet.Build(trainingPairs, passages, dataOptions.Value);
        var gpl = trainingOptions.Value.Method == TrainingMethod.MarginMse;
        if (!gpl && !dataOptions.Value.HardNegatives)
        {
            return (set.Pairs, set, 0);
        }

        using var encoder = OnnxSentenceEncoder.Create(baseModel.Folder, new OnnxSentenceEncoderOptions
        {
            IntraOpThreads = 1,
            ConcurrentBatches = Math.Max(1, Environment.ProcessorCount),
            BatchSize = 32,
        }, logger);
        var teacher = teacherOptions.Value;
        using var crossEncoder = gpl && !string.IsNullOrWhiteSpace(teacher.ModelPath) ? OnnxCrossEncoder.Create(teacher.ModelPath, logger: logger) : null;
        IMarginTeacher? marginTeacher = !gpl ? null
            : crossEncoder is null ? new HybridScoreTeacher(teacher.HybridAlpha)
            : new CrossEncoderTeacher(crossEncoder, Path.GetFileName(Path.TrimEndingDirectorySeparator(teacher.ModelPath)), teacher.MarginScale);
        var bm25 = new Bm25Options { Analyzer = indexOptions.Value.LexicalAnalyzer, K1 = indexOptions.Value.Bm25K1, B = indexOptions.Value.Bm25B };
        var (pairs, without) = await MinedTrainingSet.BuildAsync(
            set, passages.Values.ToList(), encoder, null, bm25, miningOptions.Value, marginTeacher, cancellationToken);
        return (pairs, set, without);
    }
}
