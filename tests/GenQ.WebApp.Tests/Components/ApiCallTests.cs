using GenQ.Testing;
using GenQ.WebApp.Components.UI;
using GenQ.WebApp.Services;

namespace GenQ.WebApp.Tests.Components;

public sealed class ApiCallTests
{
    [Fact]
    public async Task AnApiThatIsDownIsAProblemInWordsNotAnException()
    {
        // A loopback port nobody listens on: the connection is refused for real.
        var port = LoopbackPort.Free();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var result = await new CorpusClient(http).ListAsync(CancellationToken.None);

        Assert.Null(result.Value);
        Assert.Equal("The search API cannot be reached", result.Problem!.Title);
        var html = await ComponentRenderer.RenderAsync<ProblemView>(new() { [nameof(ProblemView.Problem)] = result.Problem });
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Is it running?", html);
    }
}
