using System.Net;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using System.Text;
using System.Text.Json;
using GenQ.Contracts.Jobs;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;
using GenQ.Evaluation.Reporting;
using GenQ.Runs;
using GenQ.SearchApi.Model;
using Microsoft.Extensions.DependencyInjection;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>POST /api/corpora/{name}/evaluate through the real HTTP pipeline, on a corpus indexed like the trainer worker does.</summary>
public sealed class EvaluationTests(SearchApiFixture api) : IClassFixture<SearchApiFixture>
{
    private async Task<string> UploadAsync(HttpClient client, string corpus)
    {
        var response = await client.PostAsync($"/api/corpora/{corpus}/documents",
            new StringContent(EvaluationCorpus.Documents, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return RunIndexer.RunId(await response.Content.ReadAsStringAsync());
    }

    private static async Task<EvaluationReport> ReportAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return EvaluationReport.FromJson(body);
    }

    [Fact]
    public async Task ZeroShotAndAdaptedRowsScoreWhatAnIndependentComputationGives()
    {
        using var client = api.CreateAuthorizedClient();
        var runId = await UploadAsync(client, "eval-small");
        await RunIndexer.IndexBaseAsync(api.Services, "eval-small", runId);
        await RunIndexer.RegisterAdaptedCopyAsync(api.Services, "eval-small", runId, "v0001",
            Path.Combine(api.DataDirectory, "models", "eval-small", "v0001"), pairs: 42);
        await RunIndexer.IndexAsync(api.Services, "eval-small", runId, "v0001");

        var report = await ReportAsync(await client.PostAsync("/api/corpora/eval-small/evaluate",
            EvaluationCorpus.Form(EvaluationCorpus.Queries, EvaluationCorpus.Qrels, modes: "dense")));

        Assert.Equal("eval-small", report.Collection);
        Assert.Equal(4, report.Queries); // q4 has no judgments: skipped, as BEIR does
        Assert.Equal(6, report.Judgments);
        Assert.Equal(7, report.Documents); // 5 short documents + the long one as 2 passages
        Assert.Equal(["zero-shot", "adapted"], report.Systems.Select(s => s.System));
        Assert.All(report.Systems, s => Assert.Equal("dense", s.Mode));
        var zeroShot = report.Systems[0];
        Assert.Equal($"base-{runId}", zeroShot.ModelVersion);
        var adapted = report.Systems[1];
        Assert.Equal("v0001", adapted.ModelVersion);
        Assert.Equal(42, adapted.TrainingPairs);
        Assert.StartsWith("genq-", adapted.Model);

        var expected = await IndependentNdcgAt10Async(runId);
        Assert.InRange(expected, 0.5, 1.0);
        Assert.Equal(expected, zeroShot.Metrics.NdcgAt10, 6);
        Assert.Equal(expected, adapted.Metrics.NdcgAt10, 6); // same weights, so the same number
        Assert.Contains("| zero-shot |", report.ToMarkdown());
        Assert.Equal([false, true], report.Systems.Select(s => s.Live)); // v0001 went live after the base
        Assert.Contains("| v0001 (live) |", report.ToMarkdown());
    }

    [Fact]
    public async Task ZeroShotRowsStayAfterRetrainingAndSupersededVersionsOnlyWhenAsked()
    {
        using var client = api.CreateAuthorizedClient();
        var runId = await UploadAsync(client, "eval-scope");
        await RunIndexer.IndexBaseAsync(api.Services, "eval-scope", runId);
        foreach (var version in new[] { "v0001", "v0002" })
        {
            await RunIndexer.RegisterAdaptedCopyAsync(api.Services, "eval-scope", runId, version,
                Path.Combine(api.DataDirectory, "models", "eval-scope", version), pairs: 10);
            await RunIndexer.IndexAsync(api.Services, "eval-scope", runId, version);
        }
        // The trainer prunes after each publish; the base is neither live nor previous now, yet it must survive.
        await api.Services.GetRequiredService<GenQ.VectorStore.IVectorIndex>().PruneVersionsAsync("eval-scope");

        var served = await ReportAsync(await client.PostAsync("/api/corpora/eval-scope/evaluate",
            EvaluationCorpus.Form(EvaluationCorpus.Queries, EvaluationCorpus.Qrels, modes: "dense")));
        var all = await ReportAsync(await client.PostAsync("/api/corpora/eval-scope/evaluate",
            EvaluationCorpus.Form(EvaluationCorpus.Queries, EvaluationCorpus.Qrels, modes: "dense,hybrid", versions: "all")));

        Assert.Equal([($"base-{runId}", false), ("v0002", true)], served.Systems.Select(s => (s.ModelVersion, s.Live)));
        var hybrid = all.Systems.Where(s => s.Mode == "hybrid").Select(s => (s.ModelVersion, s.Live));
        Assert.Equal([($"base-{runId}", false), ("v0001", false), ("v0002", true)], hybrid);
        Assert.Equal(3, all.Systems.Count(s => s.Mode == "dense"));

        var bad = await ProblemAsync(await client.PostAsync("/api/corpora/eval-scope/evaluate",
            EvaluationCorpus.Form(EvaluationCorpus.Queries, EvaluationCorpus.Qrels, versions: "some")), HttpStatusCode.BadRequest);
        Assert.Contains("unknown value 'some'", FieldError(bad, "versions"));
    }

    [Fact]
    public async Task APassageOfASplitDocumentCountsAsItsDocument()
    {
        using var client = api.CreateAuthorizedClient();
        var runId = await UploadAsync(client, "eval-split");
        await RunIndexer.IndexBaseAsync(api.Services, "eval-split", runId);
        var search = await client.GetFromJsonAsync<SearchResponse>("/api/search?corpus=eval-split&q=volcanic%20eruption%20and%20lava%20flows&top_k=1&mode=dense");
        Assert.Equal("long#2", search!.Hits[0].PassageId);

        var report = await ReportAsync(await client.PostAsync("/api/corpora/eval-split/evaluate", EvaluationCorpus.Form(
            """{"_id":"q3","text":"volcanic eruption and lava flows"}""", "query-id\tcorpus-id\tscore\nq3\tlong\t1\n", modes: "dense")));

        // Only counted as "long" (its best passage, once) does the first hit match the judgment.
        Assert.Equal(1.0, report.Systems.Single().Metrics.NdcgAt10, 9);
        Assert.Equal(1.0, report.Systems.Single().Metrics.MrrAt10, 9);
    }

    [Fact]
    public async Task BadInputsGetProblemDetailsNamingThePartAndLine()
    {
        using var client = api.CreateAuthorizedClient();
        await UploadAsync(client, "eval-bad");
        const string url = "/api/corpora/eval-bad/evaluate";

        var missing = await ProblemAsync(await client.PostAsync(url, EvaluationCorpus.Form(EvaluationCorpus.Queries, null)), HttpStatusCode.BadRequest);
        Assert.Contains("'qrels' is missing", FieldError(missing, "qrels"));

        var badQuery = EvaluationCorpus.Queries.Replace("""{"_id":"q3",""", """{"_id":"q3" oops""", StringComparison.Ordinal);
        var query = await ProblemAsync(await client.PostAsync(url, EvaluationCorpus.Form(badQuery, EvaluationCorpus.Qrels)), HttpStatusCode.BadRequest);
        Assert.Contains("line 4", FieldError(query, "queries"));

        var badQrels = EvaluationCorpus.Qrels.Replace("q2\tbudget\t1", "q2\tbudget\thigh", StringComparison.Ordinal);
        var qrels = await ProblemAsync(await client.PostAsync(url, EvaluationCorpus.Form(EvaluationCorpus.Queries, badQrels)), HttpStatusCode.BadRequest);
        Assert.Contains("line 4: score 'high' is not an integer", FieldError(qrels, "qrels"));

        var mode = await ProblemAsync(await client.PostAsync(url, EvaluationCorpus.Form(EvaluationCorpus.Queries, EvaluationCorpus.Qrels, "dense,sparse")), HttpStatusCode.BadRequest);
        Assert.Contains("unknown mode 'sparse'", FieldError(mode, "modes"));

        await ProblemAsync(await client.PostAsync(url, new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType);

        // Valid input, but the corpus has no ready index version yet (no worker indexed it).
        await ProblemAsync(await client.PostAsync(url, EvaluationCorpus.Form(EvaluationCorpus.Queries, EvaluationCorpus.Qrels)), HttpStatusCode.Conflict);

        var large = string.Concat(Enumerable.Repeat("""{"_id":"qx","text":"padding padding padding padding"}""" + "\n", 3000));
        await ProblemAsync(await client.PostAsync(url, EvaluationCorpus.Form(large, EvaluationCorpus.Qrels)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task UnknownCorpusIs404AndAMissingApiKeyIs401()
    {
        using var client = api.CreateAuthorizedClient();
        var unknown = await ProblemAsync(await client.PostAsync("/api/corpora/no-such/evaluate",
            EvaluationCorpus.Form(EvaluationCorpus.Queries, EvaluationCorpus.Qrels)), HttpStatusCode.NotFound);
        Assert.Contains("no-such", unknown.GetProperty("detail").GetString());

        using var anonymous = api.CreateClient();
        await ProblemAsync(await anonymous.PostAsync("/api/corpora/no-such/evaluate",
            EvaluationCorpus.Form(EvaluationCorpus.Queries, EvaluationCorpus.Qrels)), HttpStatusCode.Unauthorized);
    }

    /// <summary>nDCG@10 computed here from scratch: cosine of every stored passage, best passage per document, graded gains.</summary>
    private async Task<double> IndependentNdcgAt10Async(string runId)
    {
        var passages = await api.Services.GetRequiredService<RunStore>().ReadPassagesAsync(runId);
        using var encoder = OnnxSentenceEncoder.Create(api.Services.GetRequiredService<BaseModelProvider>().Folder.Path);
        var passageVectors = encoder.Encode(passages.Select(PassageText.Compose).ToList());
        var total = 0.0;
        foreach (var (id, text) in EvaluationCorpus.JudgedQueries)
        {
            var query = encoder.Encode([text])[0];
            var ranked = passages
                .Select((p, i) => (Doc: p.Id.Split('#')[0], Score: TensorPrimitives.CosineSimilarity(query, passageVectors[i])))
                .GroupBy(h => h.Doc).Select(g => (Doc: g.Key, Score: g.Max(h => h.Score)))
                .OrderByDescending(h => h.Score).Take(10).ToList();
            var judgments = EvaluationCorpus.Judgments[id];
            var dcg = ranked.Select((h, rank) => judgments.GetValueOrDefault(h.Doc) / Math.Log2(rank + 2)).Sum();
            var ideal = judgments.Values.OrderDescending().Take(10).Select((g, rank) => g / Math.Log2(rank + 2)).Sum();
            total += dcg / ideal;
        }
        return total / EvaluationCorpus.JudgedQueries.Count;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string FieldError(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
}
