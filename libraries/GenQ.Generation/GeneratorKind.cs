namespace GenQ.Generation;

/// <summary>Which generator <see cref="QueryGeneratorFactory"/> builds.</summary>
public enum GeneratorKind
{
    /// <summary>T5 when <see cref="GenerationOptions.ModelPath"/> names an existing folder, otherwise the fallback.</summary>
    Auto,

    /// <summary>T5 only: a missing or malformed model folder is an error.</summary>
    T5,

    /// <summary>The model-free inverse-cloze / title / key-phrase generator.</summary>
    Fallback,
}
