namespace GenQ.Quantization.T5;

/// <summary>One graph of a T5 folder and its int8 copy: MatMuls rewritten, MatMuls left float (attention's activation products), sizes.</summary>
public sealed record T5QuantizedGraph(string SourcePath, string QuantizedPath, int MatMulsQuantized, int MatMulsKeptFloat, long SourceBytes, long QuantizedBytes);
