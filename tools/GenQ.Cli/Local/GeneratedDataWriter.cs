using System.Globalization;
using System.Text.Json;
using GenQ.Contracts.Files;
using GenQ.Generation;

namespace GenQ.Cli.Local;

/// <summary>
/// Appends generated queries to gen-queries.jsonl and gen-qrels/train.tsv chunk by chunk, queries first, then the
/// chunk's positive texts (gen-positives.jsonl), then their qrels, each flushed. A passage counts as done once a qrels line names it, so after a crash <see cref="Open"/> keeps
/// only complete lines whose query and qrels both exist (minus the last passage, which may be partial) and generation
/// resumes with the passages not yet done.
/// </summary>
public sealed class GeneratedDataWriter : IDisposable
{
    private readonly StreamWriter _queries;
    private readonly StreamWriter _qrels;
    private readonly StreamWriter _positives;
    private int _nextQuery;

    private GeneratedDataWriter(GenerationLayout layout, HashSet<string> done, int queriesKept, int nextQuery)
    {
        Layout = layout;
        DonePassages = done;
        QueriesKept = queriesKept;
        _nextQuery = nextQuery;
        _queries = new StreamWriter(new FileStream(layout.QueriesPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { NewLine = "\n" };
        _qrels = new StreamWriter(new FileStream(layout.QrelsPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { NewLine = "\n" };
        _positives = new StreamWriter(new FileStream(layout.PositivesPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { NewLine = "\n" };
    }

    public GenerationLayout Layout { get; }

    /// <summary>Corpus ids that already have queries in the output (from an interrupted earlier run).</summary>
    public IReadOnlySet<string> DonePassages { get; }

    /// <summary>Queries of earlier runs kept in the output.</summary>
    public int QueriesKept { get; }

    /// <summary>Opens the output folder, repairing what an interrupted run left (partial last lines, orphan lines).</summary>
    /// <param name="previousRunCompleted">generation.json of the folder says its run finished: every passage in it is whole.</param>
    public static GeneratedDataWriter Open(GenerationLayout layout, bool previousRunCompleted = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(layout.QrelsPath)!);
        var qrels = CompleteLines(layout.QrelsPath).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length == 3).ToList();
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in CompleteLines(layout.QueriesPath))
        {
            try
            {
                if (JsonSerializer.Deserialize(line, CliJsonLinesContext.Default.GeneratedQueryLine) is { Id: not null } q)
                {
                    queries[q.Id] = line;
                }
            }
            catch (JsonException)
            {
                // A line cut by the interruption: its passage is not done and is generated again.
            }
        }

        // Passages are written in order, so only the last passage in the file can have lost some of its qrels lines:
        // drop it and generate it again.
        var last = qrels.Count > 0 && !previousRunCompleted ? qrels[^1][1] : null;
        var kept = qrels.Where(f => queries.ContainsKey(f[0]) && f[1] != last).ToList();
        var keptIds = kept.Select(f => f[0]).ToHashSet(StringComparer.Ordinal);
        AtomicFile.WriteAllLines(layout.QrelsPath, [GenerationLayout.QrelsHeader, .. kept.Select(f => string.Join('\t', f))]);
        AtomicFile.WriteAllLines(layout.QueriesPath, queries.Where(q => keptIds.Contains(q.Key)).Select(q => q.Value));
        var keptPassages = kept.Select(f => f[1]).ToHashSet(StringComparer.Ordinal);
        AtomicFile.WriteAllLines(layout.PositivesPath, KeptPositives(layout.PositivesPath, keptPassages));
        var next = keptIds.Select(QueryNumber).DefaultIfEmpty(0).Max() + 1;
        return new GeneratedDataWriter(layout, kept.Select(f => f[1]).ToHashSet(StringComparer.Ordinal), keptIds.Count, next);
    }

    /// <summary>Appends the queries of a chunk of passages; returns how many queries were written.</summary>
    public int Append(IEnumerable<PassageQueries> passages)
    {
        var chunk = passages.ToList();
        var qrels = new List<string>();
        foreach (var passage in chunk)
        {
            foreach (var query in passage.Queries)
            {
                var id = GenerationLayout.QueryIdPrefix + _nextQuery++.ToString(CultureInfo.InvariantCulture);
                _queries.WriteLine(JsonSerializer.Serialize(new GeneratedQueryLine(id, query), CliJsonLinesContext.Readable.GeneratedQueryLine));
                qrels.Add($"{id}\t{passage.PassageId}\t1");
            }
        }

        _queries.Flush();
        foreach (var passage in chunk)
        {
            if (passage.PositiveText is { } positive && passage.Queries.Count > 0)
            {
                _positives.WriteLine(JsonSerializer.Serialize(new GeneratedPositiveLine(passage.PassageId, positive), CliJsonLinesContext.Readable.GeneratedPositiveLine));
            }
        }

        _positives.Flush();
        foreach (var line in qrels)
        {
            _qrels.WriteLine(line);
        }

        _qrels.Flush();
        return qrels.Count;
    }

    public void Dispose()
    {
        _queries.Dispose();
        _qrels.Dispose();
        _positives.Dispose();
    }

    /// <summary>Complete positive lines of passages still done (one per passage, the last written wins).</summary>
    private static IEnumerable<string> KeptPositives(string path, HashSet<string> keptPassages)
    {
        var lines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in CompleteLines(path))
        {
            try
            {
                if (JsonSerializer.Deserialize(line, CliJsonLinesContext.Default.GeneratedPositiveLine) is { PassageId: not null } p && keptPassages.Contains(p.PassageId))
                {
                    lines[p.PassageId] = line;
                }
            }
            catch (JsonException)
            {
                // Cut by the interruption; its passage is generated again.
            }
        }

        return lines.Values;
    }

    private static int QueryNumber(string id) =>
        id.StartsWith(GenerationLayout.QueryIdPrefix, StringComparison.Ordinal)
        && int.TryParse(id.AsSpan(GenerationLayout.QueryIdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Lines that end with a newline (a last line without one was cut off); none when the file is absent.</summary>
    private static IEnumerable<string> CompleteLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var text = File.ReadAllText(path);
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n').Where(l => l.Length > 0);
    }
}
