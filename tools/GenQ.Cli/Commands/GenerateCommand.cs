using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GenQ.Cli.Infrastructure;
using GenQ.Cli.Local;
using GenQ.Contracts.Files;
using GenQ.Contracts.Jobs;
using GenQ.Evaluation.Data;
using GenQ.Generation;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace GenQ.Cli.Commands;

/// <summary>
/// `genq generate`: queries for every passage through <see cref="QueryGeneratorFactory"/> (the generator worker's
/// code), written chunk by chunk in BEIR's layout so an interrupted run resumes where it stopped.
/// </summary>
public sealed class GenerateCommand(CliConsole console) : AsyncCommand<GenerateSettings>
{
    public const string FallbackModel = "fallback";

    public override async Task<int> ExecuteAsync(CommandContext context, GenerateSettings settings, CancellationToken cancellationToken)
    {
        var options = ToOptions(settings);
        var corpus = BeirReader.ReadCorpus(settings.Corpus);
        var layout = new GenerationLayout(Path.GetFullPath(settings.Out));
        Directory.CreateDirectory(layout.Directory);
        var described = Describe(settings, options);
        var previous = ReadPreviousInfo(layout);
        CheckSameSettings(layout, previous, described);

        using var loggers = new CliLoggerFactory(console, settings.Verbose ? LogLevel.Information : LogLevel.Warning);
        using var generator = QueryGeneratorFactory.Create(options, loggers);
        var provider = generator is T5QueryGenerator t5 ? t5.Model.Provider : "none";
        using var writer = GeneratedDataWriter.Open(layout, previous?.Complete == true);
        var todo = corpus.Where(p => !writer.DonePassages.Contains(p.Id)).ToList();
        console.Note($"{generator.Name} on {provider}: {corpus.Count} passages, {corpus.Count - todo.Count} already done in {layout.Directory}");

        var info = new GenerationInfo
        {
            Generator = generator.Name,
            Model = options.Generator == GeneratorKind.Fallback ? FallbackModel : Path.GetFullPath(settings.Model),
            Provider = provider,
            Corpus = Path.GetFullPath(settings.Corpus),
            Settings = described,
            Passages = corpus.Count,
            ResumedPassages = corpus.Count - todo.Count,
            CreatedUtc = DateTimeOffset.UtcNow,
        };
        WriteInfo(layout, info);

        var clock = Stopwatch.StartNew();
        var totals = (Queries: 0, Empty: 0, Duplicates: 0, Tokens: 0L);
        var chunkSize = Math.Max(options.BatchSize, 16);
        await console.Status.Progress().Columns(Columns()).StartAsync(async progress =>
        {
            var task = progress.AddTask("generating", maxValue: Math.Max(1, todo.Count));
            for (var start = 0; start < todo.Count; start += chunkSize)
            {
                var chunk = todo.Skip(start).Take(chunkSize).Select(p => new PassageInput(p.Id, p.Title, p.Text)).ToList();
                var result = await GenerateChunkAsync(generator, options, chunk, start / chunkSize, loggers, cancellationToken);
                totals.Queries += writer.Append(result.Passages);
                (totals.Empty, totals.Duplicates, totals.Tokens) =
                    (totals.Empty + result.DroppedEmpty, totals.Duplicates + result.DroppedDuplicates, totals.Tokens + result.GeneratedTokens);
                task.Increment(chunk.Count);
            }

            task.Value = task.MaxValue;
        });

        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        info = info with
        {
            Complete = true,
            Queries = writer.QueriesKept + totals.Queries,
            DroppedEmpty = totals.Empty,
            DroppedDuplicates = totals.Duplicates,
            GeneratedTokens = totals.Tokens,
            Seconds = clock.Elapsed.TotalSeconds,
            PassagesPerSecond = todo.Count / seconds,
            QueriesPerSecond = totals.Queries / seconds,
        };
        WriteInfo(layout, info);
        console.Out.MarkupLineInterpolated(
            $"Wrote {info.Queries} queries for {corpus.Count} passages to {layout.Directory} ({todo.Count} generated now in {info.Seconds:F1} s, {info.PassagesPerSecond:F1} passages/s, generator {generator.Name}).");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Generates one chunk. With a seed, each chunk samples from its own seed (seed + chunk index), so a resumed run
    /// draws what the uninterrupted run would have drawn for the same chunk.
    /// </summary>
    private static Task<GenerationResult> GenerateChunkAsync(
        IQueryGenerator generator, GenerationOptions options, IReadOnlyList<PassageInput> chunk, int chunkIndex, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (options.Seed is not { } seed || options.Greedy || generator is not T5QueryGenerator t5)
        {
            return generator.GenerateAsync(chunk, cancellationToken);
        }

        var seeded = new T5QueryGenerator(t5.Model, options with { Seed = unchecked(seed + chunkIndex) }, loggers.CreateLogger<T5QueryGenerator>());
        return seeded.GenerateAsync(chunk, cancellationToken);
    }

    internal static GenerationOptions ToOptions(GenerateSettings s)
    {
        var fallback = string.Equals(s.Model, FallbackModel, StringComparison.OrdinalIgnoreCase);
        if (!fallback && !Directory.Exists(s.Model))
        {
            throw new CliUsageException($"T5 model folder '{s.Model}' does not exist (or pass --model fallback for the model-free generator).");
        }

        var options = new GenerationOptions
        {
            Generator = fallback ? GeneratorKind.Fallback : GeneratorKind.T5,
            ModelPath = fallback ? null : s.Model,
            QueriesPerPassage = s.QueriesPerPassage,
            TopP = s.TopP,
            TopK = s.TopK,
            Temperature = s.Temperature,
            Greedy = s.Greedy,
            MaxNewTokens = s.MaxLength,
            MaxInputTokens = s.MaxInputTokens,
            Seed = s.Seed,
            BatchSize = s.BatchSize,
            IntraOpThreads = s.Threads,
            Int8 = s.Int8,
            Provider = s.Provider.ToLowerInvariant() switch
            {
                "cpu" => ExecutionProviderPreference.Cpu,
                "cuda" => ExecutionProviderPreference.Cuda,
                _ => ExecutionProviderPreference.Auto,
            },
        };
        options.Validate();
        return options;
    }

    /// <summary>The settings that change what is generated (batch size, threads and provider do not change greedy output).</summary>
    private static Dictionary<string, string> Describe(GenerateSettings s, GenerationOptions o)
    {
        var c = CultureInfo.InvariantCulture;
        return new Dictionary<string, string>
        {
            ["model"] = o.Generator == GeneratorKind.Fallback ? FallbackModel : Path.GetFullPath(s.Model),
            ["queriesPerPassage"] = o.QueriesPerPassage.ToString(c),
            ["topP"] = o.TopP.ToString("R", c),
            ["topK"] = o.TopK?.ToString(c) ?? "off",
            ["temperature"] = o.Temperature.ToString("R", c),
            ["greedy"] = o.Greedy ? "true" : "false",
            ["maxLength"] = o.MaxNewTokens.ToString(c),
            ["maxInputTokens"] = o.MaxInputTokens.ToString(c),
            ["seed"] = o.Seed?.ToString(c) ?? "none",
            ["batchSize"] = o.BatchSize.ToString(c),
            ["int8"] = o.Int8 ? "true" : "false",
        };
    }

    /// <summary>Resuming into a folder generated with other settings would mix two data sets: refuse.</summary>
    private static void CheckSameSettings(GenerationLayout layout, GenerationInfo? previous, IReadOnlyDictionary<string, string> settings)
    {
        var differing = previous?.Settings
            .Where(kv => kv.Key != "batchSize" && (!settings.TryGetValue(kv.Key, out var now) || now != kv.Value))
            .Select(kv => $"{kv.Key} was {kv.Value}, now {settings.GetValueOrDefault(kv.Key, "unset")}")
            .ToList();
        if (differing is { Count: > 0 })
        {
            throw new CliUsageException(
                $"{layout.Directory} holds queries generated with other settings ({string.Join("; ", differing)}); use another --out or delete it.");
        }
    }

    private static GenerationInfo? ReadPreviousInfo(GenerationLayout layout)
    {
        if (!File.Exists(layout.InfoPath) || !File.Exists(layout.QrelsPath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(layout.InfoPath), CliJsonContext.Default.GenerationInfo);
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"{layout.InfoPath} is not valid JSON ({ex.Message}); delete it to resume without the settings check.", ex);
        }
    }

    private static void WriteInfo(GenerationLayout layout, GenerationInfo info) =>
        AtomicFile.WriteAllText(layout.InfoPath, JsonSerializer.Serialize(info, CliJsonContext.Default.GenerationInfo));

    internal static ProgressColumn[] Columns() =>
        [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn()];
}
