using System.Text.Json;
using GenQ.Generation.Tokenization;

namespace GenQ.Generation.Tests.Tokenization;

public sealed class T5SentencePieceTokenizerTests
{
    private static readonly T5SentencePieceTokenizer Tokenizer = T5SentencePieceTokenizer.Load(TestPaths.SentencePieceModel);


    [Fact]
    public void FixtureHoldsAtLeast200Sentences() => Assert.True(ReadFixture().Count >= 200);

    [Fact]
    public void IdsEqualReferenceSentencePieceOnEveryFixtureSentence()
    {
        var mismatches = new List<string>();
        foreach (var (text, expected, _) in ReadFixture())
        {
            var actual = Tokenizer.EncodeToIds(text);
            if (!actual.SequenceEqual(expected))
            {
                mismatches.Add($"{JsonSerializer.Serialize(text)}: expected [{string.Join(",", expected)}] got [{string.Join(",", actual)}]");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void DecodeEqualsReferenceOnSentencesWithoutUnknownPieces()
    {
        foreach (var (_, ids, decoded) in ReadFixture().Where(f => !f.Ids.Contains(Tokenizer.UnknownId)))
        {
            Assert.Equal(decoded, Tokenizer.Decode(ids.Select(i => (long)i)));
        }
    }

    [Fact]
    public void ModelInputEndsWithEosAndIsTruncated()
    {
        var longText = string.Join(' ', Enumerable.Repeat("information retrieval systems", 200));
        var input = Tokenizer.EncodeForModel(longText, 300);
        Assert.Equal(300, input.Length);
        Assert.Equal(Tokenizer.EndOfSentenceId, input[^1]);
        Assert.DoesNotContain((long)Tokenizer.EndOfSentenceId, input[..^1]);

        var empty = Tokenizer.EncodeForModel(string.Empty, 300);
        Assert.Equal([(long)Tokenizer.EndOfSentenceId], empty);
    }

    [Fact]
    public void DecodeSkipsSpecialAndOutOfTableIds()
    {
        var ids = Tokenizer.EncodeToIds("library classification").Select(i => (long)i).ToList();
        var noisy = new List<long> { 0 };
        noisy.AddRange(ids);
        noisy.AddRange([Tokenizer.UnknownId, Tokenizer.PieceCount + 5, Tokenizer.EndOfSentenceId, 0, 0]);
        Assert.Equal("library classification", Tokenizer.Decode(noisy));
    }

    private static List<(string Text, int[] Ids, string Decoded)> ReadFixture() =>
        File.ReadLines(TestPaths.ExpectedIds)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("text").GetString()!, e.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
                e.GetProperty("decoded").GetString()!))
            .ToList();
}
