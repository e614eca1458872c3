namespace GenQ.Contracts.Runs;

/// <summary>One fusion setting tried by the label-free tuner and its MRR@10 on the held-out synthetic queries.</summary>
public sealed record RunHybridCandidate(string Setting, double MrrAt10);
