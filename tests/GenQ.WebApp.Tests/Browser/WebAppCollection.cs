namespace GenQ.WebApp.Tests.Browser;

/// <summary>The browser tests share one started app and one browser (starting them is most of their cost).</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
