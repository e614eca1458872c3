// Where does the gate's synthetic gain come from? For one collection, writes {out}/signals/{collection}.jsonl: per-query
// reciprocal ranks (MRR@10) of the base model and of each trained candidate {out}/{collection}-{method}/v0001, in dense,
// BM25 and hybrid mode under every fusion the tuner considers, on two query sets built as the gate builds its test bed
// (positives swapped, copies of their own passage left out, served BM25):
//   gate       the held-out passages' queries (HoldOut.Split defaults, as `genq train` and the trainer worker split);
//   unused-{m} queries of passages none of whose pairs reached candidate m's training set (the 500-pair budget with
//              seed 42 leaves most passages untrained), scored for the base model and candidate m only.
// Usage: dotnet run -c Release --project benchmarks/GenQ.Adaptation.Benchmarks -- <out> <eval-data> <collection> <method>...
// where a method's training flags are: mix none, any other --drop-copies (as in the adaptation table).
using System.Text.Json;
using GenQ.Adaptation.TrainingData;
using GenQ.Cli.Local;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Hybrid;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;

if (args.Length < 4)
{
    Console.Error.WriteLine("usage: <out> <eval-data> <collection> <method>...");
    return 2;
}

var (outRoot, dataRoot, collection, methods) = (args[0], args[1], args[2], args[3..]);
var corpusPath = Path.Combine(dataRoot, collection, "corpus.jsonl");
var corpus = BeirReader.ReadCorpus(corpusPath);
var byId = corpus.ToDictionary(p => p.Id, StringComparer.Ordinal);
var pairs = GeneratedPairs.Read(new GenerationLayout(Path.Combine(outRoot, $"{collection}-gen")), byId.Keys.ToHashSet(StringComparer.Ordinal), corpusPath);
var split = HoldOut.Split(pairs);
var sets = new Dictionary<string, IReadOnlyList<QueryPassagePair>> { ["gate"] = split.HeldOut };
foreach (var method in methods)
{
    var trainedOn = TrainingSet.Build(split.Training, byId, new TrainingDataOptions { DropCopies = method != "mix", MaxPairs = 500, Seed = 42 })
        .Sources.Select(s => s.PassageId).ToHashSet(StringComparer.Ordinal);
    sets[$"unused-{method}"] = split.Training.Where(p => !trainedOn.Contains(p.PassageId)).ToList();
}

var models = new List<(string Name, string Path)> { ("base", BaseModelLocator.GetMiniLM().Path) };
models.AddRange(methods.Select(m => (m, Path.Combine(outRoot, $"{collection}-{m}", "v0001"))));
var fusions = new List<FusionSettings> { FusionSettings.Rrf() };
fusions.AddRange(Enumerable.Range(0, 11).Select(i => FusionSettings.Weighted(i / 10.0)));
var texts = corpus.Select(PassageText.Compose).ToList();
Directory.CreateDirectory(Path.Combine(outRoot, "signals"));
await using var output = new StreamWriter(Path.Combine(outRoot, "signals", $"{collection}.jsonl"));
foreach (var (name, path) in models)
{
    using var encoder = OnnxSentenceEncoder.Create(path, new OnnxSentenceEncoderOptions { IntraOpThreads = Environment.ProcessorCount, BatchSize = 32 });
    var vectors = await encoder.EncodeAsync(texts);
    foreach (var (setName, heldOut) in sets)
    {
        // The base model is scored on every set; a candidate on the gate set and on its own unused passages.
        if (name != "base" && setName != "gate" && setName != $"unused-{name}")
        {
            continue;
        }

        using var retrieval = HeldOutRetrieval.Build(corpus, heldOut, new HybridTuningOptions());
        var queries = await retrieval.RetrieveAsync(encoder, vectors, CancellationToken.None);
        var row = new Dictionary<string, object>
        {
            ["collection"] = collection,
            ["model"] = name,
            ["set"] = setName,
            ["n"] = queries.Count,
            ["passages"] = queries.Select(q => q.PassageId).ToArray(),
            ["dense"] = queries.Select(q => FusionTuner.ReciprocalRank(q.Dense.Select(d => d.Id), q.PassageId, 10)).ToArray(),
            ["bm25"] = queries.Select(q => FusionTuner.ReciprocalRank(q.Lexical.Select(d => d.Id), q.PassageId, 10)).ToArray(),
        };
        foreach (var fusion in fusions)
        {
            row[fusion.ToString()] = FusionTuner.ReciprocalRanks(queries, fusion, 10);
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(row));
        Console.Error.WriteLine($"{collection} {name} {setName}: {queries.Count} queries");
    }
}

return 0;
