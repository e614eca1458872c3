namespace GenQ.Generation.Tests;

/// <summary>Fixture files copied beside the test assembly.</summary>
internal static class TestPaths
{
    public static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string SentencePieceModel => Path.Combine(FixtureDirectory, "Tokenizer", "spiece.model");

    public static string ExpectedIds => Path.Combine(FixtureDirectory, "Tokenizer", "expected-ids.jsonl");
}
