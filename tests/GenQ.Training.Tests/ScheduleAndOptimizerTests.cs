using GenQ.Training.Optimization;

namespace GenQ.Training.Tests;

public sealed class ScheduleAndOptimizerTests
{
    [Fact]
    public void LinearWarmupThenLinearDecay()
    {
        var schedule = new LinearWarmupSchedule(TotalSteps: 100, WarmupSteps: 10);

        Assert.Equal(0.0, schedule.Factor(0));
        Assert.Equal(0.5, schedule.Factor(5), 10);
        Assert.Equal(1.0, schedule.Factor(10), 10);
        Assert.Equal(0.5, schedule.Factor(55), 10);
        Assert.Equal(0.0, schedule.Factor(100), 10);
    }

    [Theory]
    [InlineData("encoder.layer.0.attention.self.query.bias", true)]
    [InlineData("encoder.layer.3.output.LayerNorm.weight", true)]
    [InlineData("embeddings.LayerNorm.weight", true)]
    [InlineData("encoder.layer.0.attention.self.query.weight", false)]
    [InlineData("embeddings.word_embeddings.weight", false)]
    public void NoWeightDecayOnBiasAndLayerNorm(string name, bool noDecay)
        => Assert.Equal(noDecay, OptimizerFactory.IsNoDecay(name));
}
