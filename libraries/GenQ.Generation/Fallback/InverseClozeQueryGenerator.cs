namespace GenQ.Generation.Fallback;

/// <summary>
/// Model-free pseudo-queries taken from the passage itself, for machines without a T5 model (CI, offline):
/// an inverse-cloze sentence (Lee et al., 2019: a sentence as the query, removed from the positive with probability
/// <see cref="RemovalProbability"/>), the title when there is one, then RAKE key phrases. It is an unsupervised
/// baseline, not a stand-in for T5, and names itself "fallback:inverse-cloze".
/// </summary>
public sealed class InverseClozeQueryGenerator(GenerationOptions options) : IQueryGenerator
{
    public const string GeneratorName = "fallback:inverse-cloze";

    /// <summary>ICT's setting: the query sentence stays in its passage 10% of the time, so lexical overlap still counts.</summary>
    public const double RemovalProbability = 0.9;

    private const int MaxQueryWords = 24;

    public string Name => GeneratorName;

    public Task<GenerationResult> GenerateAsync(IReadOnlyList<PassageInput> passages, CancellationToken cancellationToken)
    {
        options.Validate();
        var results = new List<PassageQueries>(passages.Count);
        foreach (var passage in passages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(Generate(passage));
        }

        return Task.FromResult(new GenerationResult(Name, results));
    }

    private PassageQueries Generate(PassageInput passage)
    {
        // Seeded per passage, so a passage gets the same queries whatever batch it arrives in.
        var random = new Random(StableHash(passage.Id, options.Seed ?? 0));
        var sentences = SentenceSplitter.Split(passage.Text);
        var candidates = new List<string>();
        string? positive = null;

        var eligible = sentences.Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3).ToList();
        if (eligible.Count > 0)
        {
            var sentence = eligible[random.Next(eligible.Count)];
            candidates.Add(Shorten(sentence));
            if (sentences.Count > 1 && random.NextDouble() < RemovalProbability)
            {
                var index = sentences.ToList().IndexOf(sentence);
                positive = string.Join(' ', sentences.Where((_, i) => i != index));
            }
        }

        if (!string.IsNullOrWhiteSpace(passage.Title))
        {
            candidates.Add(passage.Title);
        }

        var source = string.IsNullOrWhiteSpace(passage.Title) ? passage.Text : $"{passage.Title}. {passage.Text}";
        candidates.AddRange(KeyPhraseExtractor.Extract(source, options.QueriesPerPassage));
        var chosen = QueryCleaner.Clean(passage.Id, candidates, generatedTokens: 0);
        var queries = chosen.Queries.Take(options.QueriesPerPassage).ToList();
        return chosen with { Queries = queries, PositiveText = positive };
    }

    private static string Shorten(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= MaxQueryWords ? sentence : string.Join(' ', words.Take(MaxQueryWords));
    }

    /// <summary>FNV-1a over the id: string.GetHashCode differs between processes.</summary>
    private static int StableHash(string id, int seed)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    public void Dispose()
    {
    }
}
