namespace GenQ.Generation.Testing.Decoding;

/// <summary>Standard normal draws for the query-length schedule and random logit rows.</summary>
public static class StandardNormal
{
    /// <summary>Box-Muller: one standard normal from two uniforms (1 - u keeps the log away from 0).</summary>
    public static double Draw(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
