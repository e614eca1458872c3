using System.Globalization;
using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Evaluation.Data;
using GenQ.Evaluation.Retrieval;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>`genq search`: exact cosine search of a corpus with a model; corpus embeddings are cached on disk.</summary>
public sealed class SearchCommand(CliConsole console) : AsyncCommand<SearchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SearchSettings settings, CancellationToken cancellationToken)
    {
        var corpus = BeirReader.ReadCorpus(settings.Corpus);
        var model = ModelResolver.Resolve(settings.Model);
        using var loggers = new CliLoggerFactory(console, LogLevel.Warning);
        using var encoder = EncoderFactory.Open(model, settings.Provider, 32, 0, loggers);
        var cache = new EmbeddingCache(settings.CacheDirectory ?? EmbeddingCache.DefaultDirectory());
        var key = EmbeddingCache.Key(model, settings.Corpus);
        var ids = corpus.Select(p => p.Id).ToArray();
        var cached = settings.NoCache ? null : cache.TryRead(key);
        float[][] vectors;
        if (cached is { } hit && hit.Ids.SequenceEqual(ids))
        {
            vectors = hit.Vectors;
            console.Note($"corpus embeddings from cache {cache.PathFor(key)}");
        }
        else
        {
            vectors = null!;
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
        }

        var retriever = new DenseRetriever(ids, vectors, settings.Top);
        var query = (await encoder.EncodeAsync([settings.Query], cancellationToken))[0];
        var passages = corpus.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var hits = retriever.Search(query)
            .Select((h, i) => new SearchHitLine(i + 1, h.DocumentId, h.Score, passages[h.DocumentId].Title, passages[h.DocumentId].Text))
            .ToList();
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(hits, CliJsonContext.Default.ListSearchHitLine));
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("rank", "score", "id", "passage");
        foreach (var h in hits)
        {
            var text = string.IsNullOrEmpty(h.Title) ? h.Text : $"{h.Title}: {h.Text}";
            table.AddRow(h.Rank.ToString(CultureInfo.InvariantCulture), h.Score.ToString("F4", CultureInfo.InvariantCulture), Markup.Escape(h.Id),
                Markup.Escape(text.Length > 120 ? text[..120] + "..." : text));
        }

        console.Out.Write(table);
        return ExitCodes.Ok;
    }
}
