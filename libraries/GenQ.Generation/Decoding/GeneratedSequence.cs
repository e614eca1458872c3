namespace GenQ.Generation.Decoding;

/// <summary>One decoded row: the passage it belongs to, its new tokens (EOS included when reached, no start token or padding).</summary>
public sealed record GeneratedSequence(int PassageIndex, long[] Tokens, bool EndedWithEos);
