namespace GenQ.Generation.Modeling;

/// <summary>
/// The files of a T5 model folder in the Hugging Face Optimum layout, checked up front so that a malformed folder
/// fails with a message naming what is missing rather than deep inside ONNX Runtime.
/// </summary>
public sealed record T5ModelFolder(
    string Path,
    string EncoderFile,
    string? DecoderFile,
    string? DecoderWithPastFile,
    string? MergedDecoderFile,
    string SentencePieceFile)
{
    public const string Encoder = "encoder_model.onnx";
    public const string Decoder = "decoder_model.onnx";
    public const string DecoderWithPast = "decoder_with_past_model.onnx";
    public const string MergedDecoder = "decoder_model_merged.onnx";
    public const string SentencePiece = "spiece.model";

    /// <summary>
    /// Optimum's name for a quantised graph: <c>encoder_model.onnx</c> → <c>encoder_model_quantized.onnx</c>, as written by
    /// <c>optimum-cli onnxruntime quantize</c> and by GenQ.Quantization's <c>T5DynamicInt8Quantizer</c>.
    /// </summary>
    public const string QuantizedSuffix = "_quantized";

    /// <summary>True when the graphs are the dynamic-int8 <c>*_quantized.onnx</c> files.</summary>
    public bool Int8 { get; init; }

    public static string QuantizedName(string graphFile) => System.IO.Path.GetFileNameWithoutExtension(graphFile) + QuantizedSuffix + ".onnx";

    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));

    public bool HasSeparateDecoders => DecoderFile is not null && DecoderWithPastFile is not null;

    /// <summary>Checks the folder; throws <see cref="FileNotFoundException"/> / <see cref="DirectoryNotFoundException"/> naming what is missing.</summary>
    /// <param name="int8">open the <c>*_quantized.onnx</c> graphs instead of the float ones (GenerationOptions.Int8).</param>
    public static T5ModelFolder Open(string path, bool int8 = false)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"T5 model folder '{full}' does not exist.");
        }

        string? Optional(string name) => File.Exists(System.IO.Path.Combine(full, name)) ? System.IO.Path.Combine(full, name) : null;

        string Required(string name, string why) => Optional(name)
            ?? throw new FileNotFoundException($"T5 model folder '{full}' lacks '{name}' ({why}).", System.IO.Path.Combine(full, name));

        string Graph(string name) => int8 ? QuantizedName(name) : name;
        var howToQuantize = int8 ? "; Generation:Int8 needs the *_quantized.onnx files: T5DynamicInt8Quantizer.Quantize(folder) (GenQ.Quantization) or optimum-cli onnxruntime quantize" : string.Empty;

        var encoder = Required(Graph(Encoder), "the encoder" + howToQuantize);
        Required(T5ModelConfig.ConfigFile, "layer count, heads and special token ids");
        var decoder = Optional(Graph(Decoder));
        var withPast = Optional(Graph(DecoderWithPast));
        var merged = Optional(Graph(MergedDecoder));
        if (merged is null && (decoder is null || withPast is null))
        {
            var missing = decoder is null ? Graph(Decoder) : Graph(DecoderWithPast);
            throw new FileNotFoundException(
                $"T5 model folder '{full}' lacks '{missing}': it needs '{Graph(MergedDecoder)}' or both '{Graph(Decoder)}' and '{Graph(DecoderWithPast)}' " +
                "(export with: optimum-cli export onnx --task text2text-generation-with-past" + howToQuantize + ").",
                System.IO.Path.Combine(full, missing));
        }

        var tokenizer = Optional(SentencePiece);
        if (tokenizer is null)
        {
            var why = File.Exists(System.IO.Path.Combine(full, "tokenizer.json"))
                ? "only tokenizer.json is present; copy spiece.model from the original model repository"
                : "the SentencePiece tokenizer";
            throw new FileNotFoundException($"T5 model folder '{full}' lacks '{SentencePiece}' ({why}).", System.IO.Path.Combine(full, SentencePiece));
        }

        return new T5ModelFolder(full, encoder, decoder, withPast, merged, tokenizer) { Int8 = int8 };
    }
}
