using System.Globalization;
using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Hybrid;
using GenQ.Evaluation.Retrieval;
using GenQ.Hybrid;
using GenQ.Hybrid.Fusion;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>
/// `genq search`: exact cosine search of a corpus with a model (corpus embeddings cached on disk), Lucene BM25, or both
/// fused (<see cref="RankFusion"/>, <see cref="HybridEvaluator.CandidateDepth"/> candidates per side).
/// </summary>
public sealed class SearchCommand(CliConsole console) : AsyncCommand<SearchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SearchSettings settings, CancellationToken cancellationToken)
    {
        var corpus = BeirReader.ReadCorpus(settings.Corpus);
        var mode = SearchModes.Parse(settings.Mode);
        var passages = corpus.ToDictionary(p => p.Id, StringComparer.Ordinal);
        List<SearchHitLine> hits;
        if (mode == SearchMode.Bm25)
        {
            using var bm25 = new Bm25Retriever(corpus, new Bm25Options { Depth = settings.Top });
            hits = bm25.Search(settings.Query).Select((h, i) => Line(i + 1, h.DocumentId, h.Score, passages) with { Bm25Rank = i + 1 }).ToList();
        }
        else
        {
            var model = ModelResolver.Resolve(settings.Model);
            using var loggers = new CliLoggerFactory(console, LogLevel.Warning);
            using var encoder = EncoderFactory.Open(model, settings.Provider, 32, 0, loggers);
            var ids = corpus.Select(p => p.Id).ToArray();
            var vectors = await CorpusVectorsAsync(model, encoder, corpus, ids, settings, cancellationToken);
            var query = (await encoder.EncodeAsync([settings.Query], cancellationToken))[0];
            if (mode == SearchMode.Dense)
            {
                hits = new DenseRetriever(ids, vectors, settings.Top).Search(query)
                    .Select((h, i) => Line(i + 1, h.DocumentId, h.Score, passages) with { DenseRank = i + 1 }).ToList();
            }
            else
            {
                var fusion = settings.Fusion is { } given ? FusionSettings.Parse(given) : model.Manifest.Hybrid.ToFusionSettingsOrDefault();
                console.Note($"hybrid fusion {fusion} ({(settings.Fusion is not null ? "--fusion" : model.Manifest.Hybrid is not null ? "model manifest" : "default")})");
                var depth = HybridEvaluator.CandidateDepth;
                var dense = HybridEvaluator.ToCandidates(new DenseRetriever(ids, vectors, depth).Search(query));
                using var bm25 = new Bm25Retriever(corpus, new Bm25Options { Depth = depth });
                var lexical = HybridEvaluator.ToCandidates(bm25.Search(settings.Query));
                hits = RankFusion.Fuse(dense, lexical, fusion, settings.Top)
                    .Select((h, i) => Line(i + 1, h.Id, h.Score, passages) with { DenseRank = h.DenseRank, Bm25Rank = h.LexicalRank }).ToList();
            }
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(hits, CliJsonContext.Default.ListSearchHitLine));
            return ExitCodes.Ok;
        }

        console.Out.Write(ToTable(hits, mode));
        return ExitCodes.Ok;
    }

    private async Task<float[][]> CorpusVectorsAsync(
        ModelFolder model, OnnxSentenceEncoder encoder, List<PassageRecord> corpus, string[] ids, SearchSettings settings, CancellationToken cancellationToken)
    {
        var cache = new EmbeddingCache(settings.CacheDirectory ?? EmbeddingCache.DefaultDirectory());
        var key = EmbeddingCache.Key(model, settings.Corpus);
        var cached = settings.NoCache ? null : cache.TryRead(key);
        if (cached is { } hit && hit.Ids.SequenceEqual(ids))
        {
            console.Note($"corpus embeddings from cache {cache.PathFor(key)}");
            return hit.Vectors;
        }

        float[][] vectors = null!;
        await console.Status.Progress().Columns(GenerateCommand.Columns()).StartAsync(async progress =>
        {
            var task = progress.AddTask("embedding the corpus", maxValue: Math.Max(1, corpus.Count));
            vectors = await DenseRetriever.EncodeCorpusAsync(encoder, corpus, new Progress<int>(done => task.Value = done), cancellationToken: cancellationToken);
            task.Value = task.MaxValue;
        });
        if (!settings.NoCache)
        {
            cache.Write(key, ids, vectors);
            console.Note($"corpus embeddings cached in {cache.PathFor(key)}");
        }

        return vectors;
    }

    private static SearchHitLine Line(int rank, string id, double score, Dictionary<string, PassageRecord> passages) =>
        new(rank, id, score, passages[id].Title, passages[id].Text);

    private static Table ToTable(List<SearchHitLine> hits, SearchMode mode)
    {
        var c = CultureInfo.InvariantCulture;
        var table = mode == SearchMode.Hybrid ? new Table().AddColumns("rank", "score", "dense #", "bm25 #", "id", "passage") : new Table().AddColumns("rank", "score", "id", "passage");
        foreach (var h in hits)
        {
            var text = string.IsNullOrEmpty(h.Title) ? h.Text : $"{h.Title}: {h.Text}";
            var passage = Markup.Escape(text.Length > 120 ? text[..120] + "..." : text);
            var score = h.Score.ToString("F4", c);
            if (mode == SearchMode.Hybrid)
            {
                table.AddRow(h.Rank.ToString(c), score, h.DenseRank?.ToString(c) ?? "-", h.Bm25Rank?.ToString(c) ?? "-", Markup.Escape(h.Id), passage);
            }
            else
            {
                table.AddRow(h.Rank.ToString(c), score, Markup.Escape(h.Id), passage);
            }
        }

        return table;
    }
}
