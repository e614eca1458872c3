using GenQ.Contracts.Corpora;
using GenQ.VectorStore.Naming;

namespace GenQ.VectorStore.Tests.Naming;

public sealed class IndexNamesTests
{
    [Theory]
    [InlineData("scifact")]
    [InlineData("beir_nfcorpus-2")]
    [InlineData("0")]
    public void ValidCorpusNamesPass(string name) => Assert.Equal(name, IndexNames.ValidateCorpus(name));

    [Theory]
    [InlineData("Scifact")]
    [InlineData("a.b")]
    [InlineData("-a")]
    [InlineData("")]
    [InlineData("scifact\n")]
    [InlineData("a12345678901234567890123456789012345678901234567890123456789012345")]
    public void InvalidCorpusNamesNameTheSharedRule(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => IndexNames.ValidateCorpus(name));

        Assert.Equal("corpus", error.ParamName);
        Assert.Contains(CorpusName.Rule, error.Message, StringComparison.Ordinal);
        Assert.False(CorpusName.IsValid(name));
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("base-minilm")]
    [InlineData("20261127T1300Z_ab12")]
    public void ValidModelVersionsPass(string version) => Assert.Equal(version, IndexNames.ValidateModelVersion(version));

    [Theory]
    [InlineData("v1.")]
    [InlineData(".v1")]
    [InlineData("v 1")]
    [InlineData("v/1")]
    [InlineData("")]
    public void InvalidModelVersionsNameTheRule(string version)
    {
        var error = Assert.Throws<ArgumentException>(() => IndexNames.ValidateModelVersion(version));

        Assert.Equal("modelVersion", error.ParamName);
        Assert.Contains("starting and ending with a letter or digit", error.Message, StringComparison.Ordinal);
    }
}
