using GenQ.WebApp.Components.UI;
using GenQ.WebApp.Display;
using GenQ.WebApp.Services;

namespace GenQ.WebApp.Tests.Components;

public sealed class HitListTests
{
    [Fact]
    public async Task SnippetsAreEncodedWithTheQueryMarkedAndMovesLabelled()
    {
        var html = await ComponentRenderer.RenderAsync<HitList>(new()
        {
            [nameof(HitList.Hits)] = new List<SearchHitDto>
            {
                new("d1", "Crisis", "<img src=x onerror=alert(1)> Soviet missiles", 0.9f, 2, 1),
                new("d2", "", "Nothing here", 0.5f, null, null),
            },
            [nameof(HitList.Query)] = "soviet",
            [nameof(HitList.Moves)] = new List<HitMove> { new(3, 1, MoveKind.Up), new(null, 2, MoveKind.New) },
        });

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; <mark>Soviet</mark> missiles", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("▲ 2 (was 3)", System.Net.WebUtility.HtmlDecode(html)); // the renderer writes ▲ as a character reference
        Assert.Contains("moved-new", html);
        Assert.Contains("dense rank 2", html);
        Assert.Contains("BM25 rank 1", html);
        Assert.Contains(">d2</span>", html); // no title: the passage id stands in
    }
}
