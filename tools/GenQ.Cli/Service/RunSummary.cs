using System.Text.Json;
using GenQ.Contracts.Runs;

namespace GenQ.Cli.Service;

/// <summary>What `genq api run --json` prints: the final run status, seconds per stage and, with --eval, the report.</summary>
public sealed record RunSummary(RunStatus Run, IReadOnlyDictionary<string, double> StageSeconds, double TotalSeconds, JsonElement? Evaluation);
