using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GenQ.Training;

/// <summary>Validation and fingerprinting of a run's training pairs.</summary>
internal static class TrainingData
{
    public static void Validate(IReadOnlyList<TrainingPair> pairs, TrainingOptions options)
    {
        ValidateOptions(options);
        if (pairs is null || pairs.Count == 0)
        {
            throw new TrainingDataException("The training set is empty: generation produced no (query, passage) pairs for this run.");
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i] ?? throw new TrainingDataException($"Training pair {i} is null.");
            if (string.IsNullOrWhiteSpace(pair.Query))
            {
                throw new TrainingDataException($"Training pair {i} has an empty query.");
            }

            if (string.IsNullOrWhiteSpace(pair.Passage))
            {
                throw new TrainingDataException($"Training pair {i} has an empty passage.");
            }

            if (options.Method == TrainingMethod.MarginMse)
            {
                ValidateGplPair(pair, i);
            }
        }

        var distinct = pairs.Select(p => p.Passage).Distinct(StringComparer.Ordinal).Count();
        var minimum = Math.Max(2, options.MinimumPairs);
        if (options.Method == TrainingMethod.MarginMse && pairs.Count < minimum)
        {
            throw new TrainingDataException($"The training set is too small: {pairs.Count} pair(s); at least {minimum} are needed.");
        }

        if (options.Method == TrainingMethod.Mnrl && (pairs.Count < minimum || distinct < 2))
        {
            throw new TrainingDataException(
                $"The training set is too small: {pairs.Count} pair(s) with {distinct} distinct passage(s); MultipleNegativesRankingLoss needs at least {minimum} pairs and 2 distinct passages (in-batch negatives).");
        }
    }

    /// <summary>MarginMSE regresses on (positive − negative) margins: a pair without either has nothing to learn from.</summary>
    private static void ValidateGplPair(TrainingPair pair, int index)
    {
        if (string.IsNullOrWhiteSpace(pair.HardNegative))
        {
            throw new TrainingDataException(
                $"Training pair {index} has no hard negative; TrainingOptions.Method = gpl (MarginMse) needs a hard negative and a teacher margin on every pair.");
        }

        if (pair.TeacherMargin is not { } margin)
        {
            throw new TrainingDataException(
                $"Training pair {index} has no teacher margin; TrainingOptions.Method = gpl (MarginMse) needs a hard negative and a teacher margin on every pair.");
        }

        if (!double.IsFinite(margin))
        {
            throw new TrainingDataException($"Training pair {index} has a teacher margin of {margin}; it must be a finite number.");
        }
    }

    private static void ValidateOptions(TrainingOptions o)
    {
        static void Require(bool ok, string field, object value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentException($"TrainingOptions.{field} = {value}: {rule}.", field);
            }
        }

        Require(o.Epochs >= 1, nameof(o.Epochs), o.Epochs, "must be at least 1");
        Require(o.BatchSize >= 2, nameof(o.BatchSize), o.BatchSize, "must be at least 2 (in-batch negatives)");
        Require(o.MaxQueryLength >= 2, nameof(o.MaxQueryLength), o.MaxQueryLength, "must be at least 2 ([CLS] and [SEP])");
        Require(o.MaxPassageLength >= 2, nameof(o.MaxPassageLength), o.MaxPassageLength, "must be at least 2 ([CLS] and [SEP])");
        Require(o.LearningRate > 0, nameof(o.LearningRate), o.LearningRate, "must be positive");
        Require(o.WeightDecay >= 0, nameof(o.WeightDecay), o.WeightDecay, "must not be negative");
        Require(o.WarmupFraction is >= 0 and <= 1, nameof(o.WarmupFraction), o.WarmupFraction, "must be between 0 and 1");
        Require(o.MaxGradNorm > 0, nameof(o.MaxGradNorm), o.MaxGradNorm, "must be positive");
        Require(o.AttentionDropout is null or (>= 0 and < 1), nameof(o.AttentionDropout), o.AttentionDropout ?? 0, "must be in [0, 1)");
        Require(Enum.IsDefined(o.Precision), nameof(o.Precision), o.Precision, "must be Auto, Fp32 or Bf16");
        Require(Enum.IsDefined(o.Method), nameof(o.Method), o.Method, "must be mnrl or gpl (MarginMse)");
        Require(o.MaxSteps is null or >= 1, nameof(o.MaxSteps), o.MaxSteps ?? 0, "must be at least 1 (leave it unset for no cap)");
        Require(o.MarginMse is not null && double.IsFinite(o.MarginMse.Scale) && o.MarginMse.Scale > 0, "MarginMse.Scale", o.MarginMse?.Scale ?? double.NaN, "must be a positive number");
        Require(o.CheckpointEverySteps >= 0, nameof(o.CheckpointEverySteps), o.CheckpointEverySteps, "must not be negative");
        Require(o.CheckpointEverySeconds >= 0, nameof(o.CheckpointEverySeconds), o.CheckpointEverySeconds, "must not be negative");
    }

    /// <summary>Hash of the pairs and of every option that changes the sequence of optimiser steps.</summary>
    /// <param name="resolvedPrecision">The precision the run actually uses, so a bf16 checkpoint is never resumed in fp32 or the reverse.</param>
    public static string Fingerprint(IReadOnlyList<TrainingPair> pairs, TrainingOptions options, TrainingPrecision? resolvedPrecision = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var pair in pairs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(pair.Query));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(pair.Passage));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(pair.HardNegative ?? "\u0001"));
            hash.AppendData([1]);
            if (pair.TeacherMargin is { } margin)
            {
                // Only when present, so the fingerprint of margin-free (MNRL) pairs is what it always was.
                hash.AppendData(BitConverter.GetBytes(margin));
                hash.AppendData([2]);
            }
        }

        foreach (var (key, value) in options.Describe(resolvedPrecision).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key}={value};")));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
