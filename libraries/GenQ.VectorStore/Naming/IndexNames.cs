using System.Text.RegularExpressions;
using GenQ.Contracts.Corpora;

namespace GenQ.VectorStore.Naming;

/// <summary>
/// Validation of corpus names and model versions. Both become parts of directory names and Qdrant collection names,
/// so they are restricted to characters that are safe in both; corpus names follow GenQ.Contracts'
/// <see cref="CorpusName"/> rule and never contain '.', which is what lets a collection name be split back into
/// (corpus, version).
/// </summary>
public static partial class IndexNames
{
    /// <summary>Longest model version accepted.</summary>
    public const int MaxModelVersionLength = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when <paramref name="corpus"/> is not a valid corpus name.</summary>
    public static string ValidateCorpus(string? corpus, string paramName = "corpus")
    {
        if (!CorpusName.IsValid(corpus))
        {
            throw new ArgumentException($"Corpus name '{corpus}' is invalid: {CorpusName.Rule}.", paramName);
        }

        return corpus;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when <paramref name="modelVersion"/> is not valid.</summary>
    public static string ValidateModelVersion(string? modelVersion, string paramName = "modelVersion")
    {
        if (string.IsNullOrEmpty(modelVersion) || !ModelVersionPattern().IsMatch(modelVersion))
        {
            throw new ArgumentException(
                $"Model version '{modelVersion}' is invalid: use 1-{MaxModelVersionLength} characters from A-Z, a-z, 0-9, " +
                "'.', '-' and '_', starting and ending with a letter or digit.",
                paramName);
        }

        return modelVersion;
    }

    /// <summary>True when <paramref name="modelVersion"/> passes <see cref="ValidateModelVersion"/>.</summary>
    public static bool IsValidModelVersion(string? modelVersion) =>
        !string.IsNullOrEmpty(modelVersion) && ModelVersionPattern().IsMatch(modelVersion);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelVersionPattern();
}
