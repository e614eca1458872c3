namespace GenQ.Adaptation.TrainingData;

/// <summary>Which generated pairs a run trains on (bind from <c>Training:Data</c> in the trainer worker; `genq train` flags).</summary>
public sealed record TrainingDataOptions
{
    public const string SectionName = "TrainingData";

    /// <summary>
    /// Leave out pairs whose query is a verbatim copy of its training positive (title + positive text; see
    /// GenQ.Hybrid's VerbatimQueries): the fallback generator's title and key-phrase queries are such copies (57–83 % of
    /// its queries) and teach copy matching, which BM25 already does. A T5 generator's paraphrases are rarely copies.
    /// </summary>
    public bool DropCopies { get; init; }

    /// <summary>Train on at most this many pairs, sampled with <see cref="Seed"/> (null: all). A budget for big collections.</summary>
    public int? MaxPairs { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>MNRL: add a hard negative per pair mined from the base model's ranking (GPL always mines).</summary>
    public bool HardNegatives { get; init; }
}
