using GenQ.Generation.Decoding;
using GenQ.Generation.Testing.Decoding;

namespace GenQ.Generation.Tests.Decoding;

public sealed class TokenSamplerTests
{
    private static readonly float[] Logits = [1f, 3f, 2f, 0f, 2.5f];

    [Fact]
    public void GreedyTakesTheFirstMaximum()
    {
        var sampler = new TokenSampler(new GenerationOptions { Greedy = true }, [9]);
        Assert.Equal(1, sampler.Next(Logits, suppressEos: false, 0.99));
        Assert.Equal(0, sampler.Next(new float[] { 4f, 4f, 1f }, suppressEos: false, 0.5));
    }

    [Fact]
    public void SuppressedEosIsNeverPicked()
    {
        var sampler = new TokenSampler(new GenerationOptions { Greedy = true }, [1]);
        Assert.Equal(4, sampler.Next(Logits, suppressEos: true, 0.5));
    }

    [Fact]
    public void TopKOneAndTopPZeroAreGreedyForEveryDraw()
    {
        var topK = new TokenSampler(new GenerationOptions { TopK = 1, TopP = 1 }, [9]);
        var topP = new TokenSampler(new GenerationOptions { TopP = 0 }, [9]);
        for (var u = 0.0; u < 1; u += 0.05)
        {
            Assert.Equal(1, topK.Next(Logits, false, u));
            Assert.Equal(1, topP.Next(Logits, false, u));
        }
    }

    [Fact]
    public void SampleFrequenciesFollowTheSoftmaxInsideTheNucleus()
    {
        // softmax(Logits) = [0.063, 0.463, 0.170, 0.023, 0.281]: top_p 0.8 keeps tokens 1, 4 (0.744 < 0.8) and 2.
        var sampler = new TokenSampler(new GenerationOptions { TopP = 0.8 }, [9]);
        var counts = new int[Logits.Length];
        var random = new Random(1);
        for (var i = 0; i < 20000; i++)
        {
            counts[sampler.Next(Logits, false, random.NextDouble())]++;
        }

        Assert.Equal(0, counts[0]);
        Assert.Equal(0, counts[3]);
        var exp = Logits.Select(l => Math.Exp(l)).ToArray();
        var kept = exp[1] + exp[2] + exp[4];
        Assert.InRange(counts[1] / 20000.0, (exp[1] / kept) - 0.02, (exp[1] / kept) + 0.02);
        Assert.InRange(counts[4] / 20000.0, (exp[4] / kept) - 0.02, (exp[4] / kept) + 0.02);
    }

    [Fact]
    public void LowTemperatureConcentratesOnTheBestToken()
    {
        var sampler = new TokenSampler(new GenerationOptions { TopP = 1, Temperature = 0.05 }, [9]);
        Assert.Equal(1, sampler.Next(Logits, false, 0.999));
    }

    [Theory]
    [InlineData(0.3, 0.95)] // near flat, as a random-weight model's rows are: the nucleus is most of the vocabulary
    [InlineData(2.0, 0.95)]
    [InlineData(6.0, 0.95)] // peaked, as a trained model's rows are: a handful of tokens
    [InlineData(2.0, 0.5)]
    [InlineData(2.0, 0.999)]
    public void NucleusIsTheSmallestMostLikelySetReachingTopP(double spread, double topP)
    {
        // Reference: Hugging Face's TopPLogitsWarper on a T5-sized vocabulary: sort by probability (double precision),
        // keep tokens while the mass of the more likely ones is below top_p. The sampler computes in float, so the
        // two may differ by the boundary token only, and only where the mass before it lies within 1e-5 of top_p.
        var random = new Random(11);
        var logits = Enumerable.Range(0, 32128).Select(_ => (float)(spread * StandardNormal.Draw(random))).ToArray();
        var exp = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
        var probs = exp.Select(e => e / exp.Sum()).ToArray();
        var byProbability = Enumerable.Range(0, logits.Length).OrderByDescending(i => probs[i]).ToArray();
        var expected = new List<int>();
        var massBefore = 0.0;
        var boundaryMargin = 1.0;
        foreach (var token in byProbability)
        {
            boundaryMargin = Math.Abs(massBefore - topP);
            if (expected.Count > 0 && massBefore >= topP)
            {
                break;
            }

            expected.Add(token);
            massBefore += probs[token];
        }

        var nucleus = new TokenSampler(new GenerationOptions { TopP = topP }, [1]).NucleusOf(logits);

        Assert.True(expected.Count > (spread < 1 ? 20000 : spread > 5 ? 0 : 100), $"the case should exercise the rule (nucleus of {expected.Count})");
        if (boundaryMargin < 1e-5)
        {
            Assert.InRange(nucleus.Length, expected.Count - 1, expected.Count + 1);
        }
        else
        {
            Assert.Equal(expected.Order(), nucleus);
        }
    }

    [Fact]
    public void DrawsOverALargeVocabularyFollowTheSoftmaxInsideTheNucleus()
    {
        // Evenly spaced uniforms: a token whose share of the nucleus is q must be drawn for about q of them, whatever
        // the order the sampler walks the nucleus in.
        var random = new Random(5);
        var logits = Enumerable.Range(0, 32128).Select(_ => (float)(2.0 * StandardNormal.Draw(random))).ToArray();
        logits[100] = 14f;
        logits[200] = 13f;
        var sampler = new TokenSampler(new GenerationOptions { TopP = 0.9 }, [1]);
        var nucleus = sampler.NucleusOf(logits).ToHashSet();
        var exp = logits.Select(l => Math.Exp(l - 14.0)).ToArray();
        var kept = nucleus.Sum(t => exp[t]);
        const int draws = 4000;
        var counts = new Dictionary<int, int>();
        for (var k = 0; k < draws; k++)
        {
            var token = sampler.Next(logits, suppressEos: false, (k + 0.5) / draws);
            Assert.Contains(token, nucleus);
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        Assert.InRange(counts[100], (draws * exp[100] / kept) - 2, (draws * exp[100] / kept) + 2);
        Assert.InRange(counts[200], (draws * exp[200] / kept) - 2, (draws * exp[200] / kept) + 2);
    }
}
