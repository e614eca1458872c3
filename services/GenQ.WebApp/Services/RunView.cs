using System.Text.Json;
using GenQ.Contracts.Runs;

namespace GenQ.WebApp.Services;

/// <summary>A run's status and, when the API reports one, its promotion decision (read as JSON: shown as it comes).</summary>
public sealed record RunView(RunStatus Status, JsonElement? Promotion);
