using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace GenQ.SearchApi.FunctionalTests;

/// <summary>Uploads as real collections and real clients send them, against the API on Kestrel.</summary>
public sealed class RealCollectionUploadTests(KestrelSearchApiFixture api) : IClassFixture<KestrelSearchApiFixture>
{
    private static ByteArrayContent JsonLines(byte[] body) => new(body) { Headers = { ContentType = new("application/x-ndjson") } };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [SharedDataFact("cranfield/corpus.jsonl")]
    public async Task CranfieldUploadsWithItsTwoEmptyDocumentsSkippedAndCounted()
    {
        var path = SharedDataFactAttribute.Find("cranfield/corpus.jsonl")!;
        // Counted from the file itself: lines whose title and text are both empty.
        var lines = await File.ReadAllLinesAsync(path);
        var emptyLines = lines.Select((line, i) => (line, number: i + 1))
            .Where(l => JsonDocument.Parse(l.line).RootElement is var doc
                && doc.GetProperty("title").GetString()!.Trim().Length == 0 && doc.GetProperty("text").GetString()!.Trim().Length == 0)
            .Select(l => l.number).ToList();
        Assert.Equal([471, 995], emptyLines);

        using var client = api.CreateAuthorizedClient();
        var answer = await ReadAsync(await client.PostAsync("/api/corpora/cranfield/documents", JsonLines(await File.ReadAllBytesAsync(path))),
            HttpStatusCode.Accepted);

        var upload = answer.GetProperty("upload");
        Assert.Equal(lines.Length - 2, upload.GetProperty("documents").GetInt32());
        Assert.Equal(2, upload.GetProperty("skipped_empty").GetInt32());
        Assert.Equal([471, 995], upload.GetProperty("skipped_lines").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(upload.GetProperty("training_queued").GetBoolean());
        // The run's own fields stay where clients read them.
        var runId = answer.GetProperty("runId").GetString();
        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        Assert.Equal("cranfield", run.GetProperty("corpus").GetString());
        Assert.True(run.GetProperty("passageCount").GetInt32() >= lines.Length - 2);
    }

    [Fact]
    public async Task InvalidUtf8IsRejectedNamingItsLine()
    {
        using var client = api.CreateAuthorizedClient();
        var good = Encoding.UTF8.GetBytes("{\"_id\":\"1\",\"text\":\"caf\u00e9 is fine\"}\n{\"_id\":\"2\",\"text\":\"also fine\"}\n");
        byte[] bad = [.. Encoding.UTF8.GetBytes("{\"_id\":\"3\",\"text\":\"broken "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}\n")];
        var problem = await ReadAsync(await client.PostAsync("/api/corpora/utf8/documents", JsonLines([.. good, .. bad])), HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty("body")[0].GetString();
        Assert.Contains("line 3", message);
        Assert.Contains("UTF-8", message);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/corpora/utf8")).StatusCode);
    }

    [Fact]
    public async Task ACorpusTooSmallToTrainIsIndexedButNotTrainedAndTheAnswerSaysWhy()
    {
        using var client = api.CreateAuthorizedClient();
        var answer = await ReadAsync(await client.PostAsync("/api/corpora/tiny/documents",
            JsonLines(Encoding.UTF8.GetBytes("{\"_id\":\"only\",\"text\":\"a single passage cannot have an in-batch negative\"}\n"))), HttpStatusCode.Accepted);

        var upload = answer.GetProperty("upload");
        Assert.False(upload.GetProperty("training_queued").GetBoolean());
        Assert.Contains("at least 2", upload.GetProperty("training").GetString());
        Assert.Equal(0, answer.GetProperty("batchCount").GetInt32());
        var db = await api.DatabaseAsync();
        // Only the base-model indexing job is queued; no passage batch goes to the generators.
        Assert.Equal(1, await CountForRunAsync(db, "genq:model-published:stream", answer.GetProperty("runId").GetString()));
        Assert.Equal(0, await CountForRunAsync(db, "genq:generate:stream", answer.GetProperty("runId").GetString()));
    }

    [Fact]
    public async Task DotSegmentsInTheCorpusNameAreRejectedBeforeKestrelResolvesThem()
    {
        // A raw request: HttpClient (like curl) would resolve "x/../time" itself before sending.
        var body = "{\"_id\":\"1\",\"text\":\"x\"}\n";
        var request = $"POST /api/corpora/x/../time/documents HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {SearchApiFixture.ApiKey}\r\n"
            + $"Content-Type: application/x-ndjson\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        using var client = api.CreateClient();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", response);
        Assert.Contains("\"name\"", response);
        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateAuthorizedClient().GetAsync("/api/corpora/time")).StatusCode);
    }

    private static async Task<int> CountForRunAsync(StackExchange.Redis.IDatabase db, string stream, string? runId) =>
        (await db.StreamRangeAsync(stream)).Count(entry =>
            entry.Values.Any(v => v.Name == "body" && v.Value.ToString().Contains(runId!, StringComparison.Ordinal)));
}
