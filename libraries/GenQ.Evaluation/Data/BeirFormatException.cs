namespace GenQ.Evaluation.Data;

/// <summary>A BEIR file that cannot be read: the message names the file and, when known, the 1-based line.</summary>
public sealed class BeirFormatException : Exception
{
    public BeirFormatException(string path, int? line, string problem, Exception? inner = null)
        : base(line is { } l ? $"{path}, line {l}: {problem}" : $"{path}: {problem}", inner)
    {
        FilePath = path;
        Line = line;
        Problem = problem;
    }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }

    public string FilePath { get; }

    public int? Line { get; }
}
