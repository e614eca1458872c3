using GenQ.Lexical.Analysis;
using GenQ.Lexical.Index;

namespace GenQ.Lexical.Tests;

public sealed class LexicalAnalysisTests
{
    public static TheoryData<string, string, string> NonEnglish => new()
    {
        { "de", "Die Straßenbahn fährt über die Brücke nach München.", "Brücke" },
        { "ru", "Москва — столица России, крупнейший город страны.", "Москва" },
        { "zh", "北京是中华人民共和国的首都。", "北京" },
        { "ar", "القاهرة هي عاصمة جمهورية مصر العربية", "القاهرة" },
        { "emoji", "Launch day 🚀🔥 for the rocket team", "rocket 🚀" },
    };

    [Fact]
    public void EnglishAnalysisStemsAndDropsStopWordsAndPossessives()
    {
        var terms = LexicalAnalysis.For(LexicalAnalyzerKind.English).Terms("The Engineer's engines were running quickly");

        Assert.Equal(["engin", "engin", "were", "run", "quickli"], terms); // Lucene's English stop set has 33 words; "were" is not one
    }

    [Fact]
    public void StandardAnalysisOnlyLowerCasesAndDropsStopWords()
    {
        var terms = LexicalAnalysis.For(LexicalAnalyzerKind.Standard).Terms("The Engineer's engines were running");

        Assert.Equal(["engineer's", "engines", "were", "running"], terms);
    }

    [Theory]
    [InlineData(LexicalAnalyzerKind.English)]
    [InlineData(LexicalAnalyzerKind.Standard)]
    public void EmptyAndSymbolOnlyTextHaveNoTerms(LexicalAnalyzerKind kind)
    {
        var analysis = LexicalAnalysis.For(kind);

        Assert.Empty(analysis.Terms(""));
        Assert.Empty(analysis.Terms(null));
        Assert.Empty(analysis.Terms("🚀🔥 ... !!"));
    }

    [Fact]
    public void ChineseIsSplitIntoOneTermPerIdeograph()
    {
        Assert.Equal(["北", "京", "首", "都"], LexicalAnalysis.For(LexicalAnalyzerKind.English).Terms("北京首都"));
    }

    [Theory]
    [MemberData(nameof(NonEnglish))]
    public void NonEnglishTextIsIndexedAndFindsItsDocument(string language, string text, string query)
    {
        foreach (var kind in Enum.GetValues<LexicalAnalyzerKind>())
        {
            using var index = LuceneLexicalIndex.CreateInMemory(new LexicalIndexOptions { Analyzer = kind });
            index.AddOrReplace([new LexicalDocument(language, "", text), ThreeDocuments.A, new LexicalDocument("empty", "", "")]);
            index.Commit();

            var hits = index.Search(query, 5);

            Assert.Equal(language, hits[0].Id);
            Assert.NotEmpty(LexicalAnalysis.For(kind).Terms(text));
        }
    }
}
