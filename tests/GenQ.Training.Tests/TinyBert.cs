using GenQ.Embeddings.Models;
using GenQ.Embeddings.Tokenization;
using GenQ.Training.Export;
using GenQ.Training.Modeling;
using GenQ.Training;

namespace GenQ.Training.Tests;

/// <summary>
/// A test-sized BERT (2 layers, hidden 32) built in-process with seeded random weights and exported as a normal model
/// folder through <see cref="BertOnnxGraphWriter"/>, so training tests run in milliseconds per step.
/// </summary>
public static class TinyBert
{
    public static readonly string[] Words =
    [
        "wing", "flow", "shock", "wave", "panel", "flutter", "heat", "transfer", "boundary", "layer", "nozzle", "jet",
        "pressure", "cylinder", "shell", "buckling", "laminar", "turbulent", "mach", "number", "plate", "body", "cone",
        "drag", "lift", "vortex", "wake", "skin", "friction", "stress", "load", "beam", "crack", "fatigue", "engine",
        "blade", "rotor", "inlet", "diffuser", "thermal", "radiation", "ablation", "orbit", "reentry", "missile",
        "what", "is", "the", "of", "a", "on", "in", "how", "why", "does", "at", "for", "and", "with", "about",
    ];

    public static BertConfig Config { get; } = new()
    {
        VocabSize = Words.Length + 5,
        HiddenSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 64,
        MaxPositionEmbeddings = 64,
    };

    /// <summary>Creates a fresh base model folder under <paramref name="root"/> and returns its path.</summary>
    public static string CreateBaseFolder(string root, int seed = 7, BertConfig? config = null)
    {
        Directory.CreateDirectory(root);
        var vocab = Path.Combine(root, "tiny-vocab.txt");
        File.WriteAllLines(vocab, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. Words]);
        TorchSharp.torch.random.manual_seed(seed);
        using var model = new SentenceEncoderModel(config ?? Config, BertWordPieceTokenizer.Create(vocab));
        var folder = OnnxModelExporter.Export(model, baseOnnxPath: null, Path.Combine(root, "base"), version => new ModelManifest
        {
            ModelName = "tiny-bert",
            Version = version,
            BaseModel = "random init",
            CreatedUtc = DateTimeOffset.UnixEpoch,
            EmbeddingDimension = (config ?? Config).HiddenSize,
            MaxSequenceLength = 64,
        });
        return folder.Path;
    }

    /// <summary>Pairs whose query repeats words of its passage: a task a bi-encoder can learn quickly.</summary>
    public static List<TrainingPair> SyntheticPairs(int count, int seed = 1)
    {
        var random = new Random(seed);
        var content = Words[..45];
        var pairs = new List<TrainingPair>();
        for (var i = 0; i < count; i++)
        {
            var passageWords = Enumerable.Range(0, 12).Select(_ => content[random.Next(content.Length)]).ToArray();
            var query = "what is the " + string.Join(' ', passageWords.Take(3));
            pairs.Add(new TrainingPair(query, string.Join(' ', passageWords)));
        }

        return pairs;
    }

    public static TrainingOptions FastOptions() => new()
    {
        BatchSize = 8,
        Epochs = 2,
        LearningRate = 1e-3,
        MaxQueryLength = 16,
        MaxPassageLength = 32,
        CheckpointEverySteps = 3,
        TorchThreads = 2,
    };
}
