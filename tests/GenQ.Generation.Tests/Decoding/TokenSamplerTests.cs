using GenQ.Generation.Decoding;

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
}
