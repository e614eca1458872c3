using GenQ.Embeddings.Inference;

namespace GenQ.Quantization.Tests;

internal static class OptionsExtensions
{
    public static OnnxSentenceEncoderOptions With(this OnnxSentenceEncoderOptions options, EncoderPrecision precision)
    {
        options.Precision = precision;
        return options;
    }
}
