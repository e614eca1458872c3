namespace GenQ.Training.Optimization;

/// <summary>
/// Hugging Face's <c>get_linear_schedule_with_warmup</c>: the learning-rate factor rises linearly from 0 over the warm-up
/// steps, then falls linearly to 0 at the last step. Stateless: the factor is a function of the step, so a resumed run
/// only needs the step number.
/// </summary>
public sealed record LinearWarmupSchedule(int TotalSteps, int WarmupSteps)
{
    /// <summary>Factor applied to the base learning rate at 0-based optimiser step <paramref name="step"/>.</summary>
    public double Factor(int step)
    {
        if (step < WarmupSteps)
        {
            return (double)step / Math.Max(1, WarmupSteps);
        }

        return Math.Max(0.0, (double)(TotalSteps - step) / Math.Max(1, TotalSteps - WarmupSteps));
    }
}
