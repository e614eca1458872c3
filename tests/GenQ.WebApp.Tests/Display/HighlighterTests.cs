using GenQ.WebApp.Display;

namespace GenQ.WebApp.Tests.Display;

public sealed class HighlighterTests
{
    [Fact]
    public void QueryWordsAreMarkedInTheEncodedTextAndLongerFormsOfLongWordsToo()
    {
        var html = Highlighter.HighlightHtml("The <b>Soviet</b> missile & missiles in Cuba's ports", "soviet missile in cuba");

        // "in" is a common word and stays unmarked; "missile" also marks "missiles"; markup in the passage is text.
        Assert.Equal("The &lt;b&gt;<mark>Soviet</mark>&lt;/b&gt; <mark>missile</mark> &amp; <mark>missiles</mark> in <mark>Cuba</mark>&#39;s ports", html);
    }

    [Fact]
    public void AWordIsNeverMatchedInsideTheEncodingOfAnotherCharacter()
    {
        Assert.Equal("A &amp; B &lt; C", Highlighter.HighlightHtml("A & B < C", "amp lt"));
    }

    [Fact]
    public void ShortWordsMatchWholeWordsOnly()
    {
        Assert.Equal("use <mark>us</mark> bus <mark>US</mark>", Highlighter.HighlightHtml("use us bus US", "us"));
    }

    [Fact]
    public void AScriptInThePassageIsShownAsTextWithTheWordMarked()
    {
        Assert.Equal("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;", Highlighter.HighlightHtml("<script>alert(1)</script>", "alert"));
    }

    [Fact]
    public void AQueryOfOnlyCommonWordsMarksNothing()
    {
        Assert.Empty(Highlighter.Terms("what is the"));
        Assert.Equal("what is &quot;the&quot;", Highlighter.HighlightHtml("what is \"the\"", "what is the"));
    }
}
