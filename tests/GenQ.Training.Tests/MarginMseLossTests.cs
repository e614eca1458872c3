using GenQ.Training.Losses;
using static TorchSharp.torch;

namespace GenQ.Training.Tests;

public sealed class MarginMseLossTests
{
    // Batch of 2, 2-d embeddings, teacher margins m = (0.5, 1.0), scale 1. With x = 1/√2:
    //   pair 0: a=(2,0) p=(1,1) n=(0,1): cos(a,p)=x, cos(a,n)=0 → residual r0 = x − 0 − 0.5 = x − ½
    //   pair 1: a=(0,1) p=(1,0) n=(1,1): cos(a,p)=0, cos(a,n)=x → residual r1 = 0 − x − 1   = −(1 + x)
    //   loss = (r0² + r1²)/2 = ((¾ − x) + (3/2 + 2x)) / 2 = (9/4 + x) / 2
    // Derivatives (B = 2): ∂loss/∂v = (2/B)·r·∂(margin)/∂v, with ∂cos(u,v)/∂u = v/(|u||v|) − cos(u,v)·u/|u|².
    //   ∂cos(a0,p0)/∂a0 = (1,1)/(2√2) − x·(2,0)/4 = (0, x/2);  ∂cos(a0,n0)/∂a0 = (0,1)/2 − 0 = (0, ½)
    //     → ∂loss/∂a0 = r0·(0, x/2 − ½) = (0, (x − ½)(x − 1)/2) = (0, (1 − 3x/2)/2)      ≈ (0, −0.030330)
    //   ∂cos(a1,p1)/∂a1 = (1,0) − 0 = (1,0);  ∂cos(a1,n1)/∂a1 = (1,1)/√2 − x·(0,1) = (x, 0)
    //     → ∂loss/∂a1 = r1·(1 − x, 0) = (−(1 + x)(1 − x), 0) = (−½, 0)
    //   ∂cos(a0,p0)/∂p0 = (2,0)/(2√2) − x·(1,1)/2 = (x/2, −x/2) → ∂loss/∂p0 = r0·(x/2, −x/2)   ≈ (0.073223, −0.073223)
    //   ∂cos(a0,n0)/∂n0 = (2,0)/2 − 0 = (1, 0), the negative enters with a minus → ∂loss/∂n0 = (−r0, 0) ≈ (−0.207107, 0)
    private static readonly double X = 1 / Math.Sqrt(2);

    [Fact]
    public void LossAndGradientsMatchTheHandComputedCase()
    {
        using var anchors = tensor(new float[] { 2, 0, 0, 1 }, [2, 2]).requires_grad_();
        using var positives = tensor(new float[] { 1, 1, 1, 0 }, [2, 2]).requires_grad_();
        using var negatives = tensor(new float[] { 0, 1, 1, 1 }, [2, 2]).requires_grad_();
        using var margins = tensor(new float[] { 0.5f, 1.0f });

        using var loss = new MarginMseLoss(null!).ComputeLossFromEmbeddings(anchors, positives, negatives, margins);
        loss.backward();

        Assert.Equal((2.25 + X) / 2, loss.item<float>(), 5);
        AssertVector([0, (1 - (1.5 * X)) / 2, -0.5, 0], anchors.grad!);
        AssertVector([(X - 0.5) * X / 2, -(X - 0.5) * X / 2], positives.grad!.narrow(0, 0, 1));
        AssertVector([-(X - 0.5), 0], negatives.grad!.narrow(0, 0, 1));
        Assert.Equal(0.0, margins.grad?.abs().sum().item<float>() ?? 0.0); // teacher margins are data, not parameters
    }

    [Fact]
    public void ScaleMultipliesTheStudentSimilarities()
    {
        using var anchors = tensor(new float[] { 2, 0, 0, 1 }, [2, 2]);
        using var positives = tensor(new float[] { 1, 1, 1, 0 }, [2, 2]);
        using var negatives = tensor(new float[] { 0, 1, 1, 1 }, [2, 2]);
        using var margins = tensor(new float[] { 0.5f, 1.0f });

        using var loss = new MarginMseLoss(null!, new MarginMseLossOptions { Scale = 3 }).ComputeLossFromEmbeddings(anchors, positives, negatives, margins);

        // Student margins 3x and −3x: residuals 3x − ½ and −3x − 1.
        var expected = ((Math.Pow((3 * X) - 0.5, 2)) + Math.Pow((-3 * X) - 1, 2)) / 2;
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void AMarginCountThatDoesNotMatchTheBatchIsRejected()
    {
        using var embeddings = ones(2, 2);
        using var margins = tensor(new float[] { 0.5f, 1.0f, 2.0f });

        var ex = Assert.Throws<ArgumentException>(() => new MarginMseLoss(null!).ComputeLossFromEmbeddings(embeddings, embeddings, embeddings, margins));

        Assert.Contains("margins [3]", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertVector(double[] expected, Tensor actual)
    {
        var values = actual.contiguous().data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - values[i]) < 1e-5, $"component {i}: expected {expected[i]:F6}, got {values[i]:F6}");
        }
    }
}
