using System.Text.Json;
using GenQ.Contracts;
using GenQ.Contracts.Models;
using GenQ.Hybrid.Fusion;
using GenQ.Hybrid.Tuning;

namespace GenQ.Hybrid.Tests;

public sealed class FusionTuningReportsTests
{
    private static readonly FusionTuningResult Result = new(FusionSettings.Weighted(0.3),
        [new FusionCandidateScore(FusionSettings.Default, 0.5), new FusionCandidateScore(FusionSettings.Weighted(0.3), 0.6)], 40);

    [Fact]
    public void ManifestSectionRoundTripsToTheChosenSetting()
    {
        var section = Result.ToManifestSection(positiveTextSwap: true);

        Assert.Equal(("weighted", 0.3, (int?)null, 40, 0.6, true), (section.Method, section.Alpha!.Value, section.RrfK, section.HeldOutQueries, section.MrrAt10!.Value, section.PositiveTextSwap));
        Assert.Equal(0.5, section.Candidates!["rrf:60"]);
        Assert.Equal(FusionSettings.Weighted(0.3), section.ToFusionSettings());
        Assert.Equal(FusionSettings.Rrf(20), new ModelHybridSettings { Method = "RRF", RrfK = 20 }.ToFusionSettings());
    }

    [Fact]
    public void ABadManifestSectionNamesTheField()
    {
        var bad = Assert.Throws<InvalidDataException>(() => new ModelHybridSettings { Method = "weighted", Alpha = 2 }.ToFusionSettings());
        Assert.Contains("alpha", bad.Message, StringComparison.Ordinal);
        Assert.Contains("'max'", Assert.Throws<InvalidDataException>(() => new ModelHybridSettings { Method = "max" }.ToFusionSettings()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSectionMeansTheDefault() =>
        Assert.Equal(FusionSettings.Default, ((ModelHybridSettings?)null).ToFusionSettingsOrDefault());

    [Fact]
    public void RunReportNamesSettingsTheWayFusionSettingsParsesThem()
    {
        var report = Result.ToRunReport();

        Assert.Equal(FusionSettings.Weighted(0.3), FusionSettings.Parse(report.Chosen));
        Assert.Equal([FusionSettings.Default, FusionSettings.Weighted(0.3)], report.Candidates.Select(c => FusionSettings.Parse(c.Setting)));
    }

    /// <summary>A run status' hybrid report as the trainer stored it in Redis before the move still reads, and its choice parses.</summary>
    [Fact]
    public void RunStatusHybridReportWrittenBeforeStillReads()
    {
        const string stored = """{"chosen":"weighted:0.3","heldOutQueries":127,"candidates":[{"setting":"rrf:60","mrrAt10":0.75},{"setting":"weighted:0.3","mrrAt10":0.8125}],"note":null,"best":"weighted:0.3","gainOverRrf":0.0625,"pValue":0.01}""";

        var report = JsonSerializer.Deserialize(stored, ContractsJsonContext.Default.RunHybridReport)!;

        Assert.Equal((127, 2, 0.0625), (report.HeldOutQueries, report.Candidates.Count, report.GainOverRrf!.Value));
        Assert.Equal(FusionSettings.Weighted(0.3), FusionSettings.Parse(report.Chosen));
        Assert.Equal(stored, JsonSerializer.Serialize(report, ContractsJsonContext.Default.RunHybridReport));
    }
}
