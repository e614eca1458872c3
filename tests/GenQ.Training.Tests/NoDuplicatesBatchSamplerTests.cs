using GenQ.Training.Sampling;

namespace GenQ.Training.Tests;

public sealed class NoDuplicatesBatchSamplerTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(3, 16)]
    public void NeverPutsTheSameTextTwiceInABatchAndUsesEverySampleOnce(int seed, int batchSize)
    {
        // Many repeated passages and queries, as generation produces (several queries per passage).
        var random = new Random(seed);
        var samples = Enumerable.Range(0, 300)
            .Select(_ => new[] { $"q{random.Next(120)}", $"p{random.Next(60)}" })
            .ToArray();
        var sampler = new NoDuplicatesBatchSampler(samples, batchSize, seed);

        for (var epoch = 0; epoch < 3; epoch++)
        {
            var batches = sampler.GetBatches(epoch);
            foreach (var batch in batches)
            {
                var texts = batch.SelectMany(i => samples[i]).ToList();
                Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
                Assert.InRange(batch.Length, 1, batchSize);
            }

            Assert.Equal(Enumerable.Range(0, samples.Length), batches.SelectMany(b => b).Order());
        }
    }

    [Fact]
    public void OrderDependsOnlyOnSeedAndEpoch()
    {
        var samples = Enumerable.Range(0, 50).Select(i => new[] { $"q{i}", $"p{i}" }).ToArray();
        var a = new NoDuplicatesBatchSampler(samples, 8, seed: 5);
        var b = new NoDuplicatesBatchSampler(samples, 8, seed: 5);

        Assert.Equal(a.GetBatches(1), b.GetBatches(1));
        Assert.NotEqual(a.GetBatches(0).SelectMany(x => x), a.GetBatches(1).SelectMany(x => x));
    }

    [Fact]
    public void LengthBucketingKeepsTheGuaranteesAndCutsPadding()
    {
        var random = new Random(9);
        var samples = Enumerable.Range(0, 400).Select(i => new[] { $"q{random.Next(300)}", $"p{i}" }).ToArray();
        var lengths = Enumerable.Range(0, 400).Select(_ => random.Next(10, 1000)).ToArray();
        var plain = new NoDuplicatesBatchSampler(samples, 8, seed: 1).GetBatches(0);
        var bucketed = new NoDuplicatesBatchSampler(samples, 8, seed: 1, bucketLengths: lengths).GetBatches(0);

        Assert.Equal(Enumerable.Range(0, 400), bucketed.SelectMany(b => b).Order());
        Assert.All(bucketed, b => Assert.Equal(b.Length * 2, b.SelectMany(i => samples[i]).Distinct().Count()));
        static double Padding(IEnumerable<int[]> batches, int[] len) => batches.Sum(b => b.Sum(i => b.Max(j => len[j]) - len[i]));
        Assert.True(Padding(bucketed, lengths) < Padding(plain, lengths) / 3, "bucketing must cut padding substantially");
    }
}
