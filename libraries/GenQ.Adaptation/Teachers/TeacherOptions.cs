namespace GenQ.Adaptation.Teachers;

/// <summary>GPL's teacher (section <c>Teacher</c>): a cross-encoder folder, or none for the label-free hybrid teacher.</summary>
public sealed record TeacherOptions
{
    public const string SectionName = "Teacher";

    /// <summary>A cross-encoder exported with Optimum (model.onnx + vocab.txt); empty: <see cref="HybridScoreTeacher"/>.</summary>
    public string ModelPath { get; init; } = "";

    /// <summary>Multiplies the cross-encoder's logit margins onto the student's cosine scale.</summary>
    public double MarginScale { get; init; } = 0.1;

    /// <summary>Dense weight of the hybrid teacher.</summary>
    public double HybridAlpha { get; init; } = 0.5;
}
