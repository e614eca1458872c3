using GenQ.Quantization.Onnx;

namespace GenQ.Quantization.T5;

/// <summary>
/// Dynamic int8 quantisation of a T5 model folder in the Hugging Face Optimum layout (GenQ.Generation's doc2query
/// model): every ONNX graph of the folder (encoder_model, decoder_model, decoder_with_past_model,
/// decoder_model_merged) gets a <c>*_quantized.onnx</c> copy next to it, Optimum's own name for quantised files, in
/// which every MatMul with a constant weight (attention Q, K, V, O, cross-attention, FFN, the LM head) is
/// com.microsoft DynamicQuantizeMatMul with symmetric int8 per-column weights, as <see cref="DynamicInt8Quantizer"/>
/// does for BERT. The float files stay; <c>GenerationOptions.Int8</c> makes <c>T5OnnxModel</c> load the quantised ones.
/// </summary>
public static class T5DynamicInt8Quantizer
{
    /// <summary>Appended to a graph's file name: <c>encoder_model.onnx</c> → <c>encoder_model_quantized.onnx</c> (Optimum's naming).</summary>
    public const string FileSuffix = "_quantized";

    /// <summary>The Optimum T5 graphs a folder may hold.</summary>
    public static IReadOnlyList<string> GraphFiles { get; } =
        ["encoder_model.onnx", "decoder_model.onnx", "decoder_with_past_model.onnx", "decoder_model_merged.onnx"];

    public static string QuantizedName(string graphFile) => Path.GetFileNameWithoutExtension(graphFile) + FileSuffix + ".onnx";

    /// <summary>
    /// Writes the quantised copy of every graph in <paramref name="folder"/> (existing copies are replaced, each file
    /// through a temporary name) and returns what was done per file.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no encoder_model.onnx.</exception>
    /// <exception cref="InvalidDataException">A graph is already quantised or has no constant MatMul weight.</exception>
    public static IReadOnlyList<T5QuantizedGraph> Quantize(string folder, DynamicQuantizationOptions? options = null)
    {
        options ??= new DynamicQuantizationOptions();
        options.Validate();
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"T5 model folder '{full}' does not exist.");
        }

        if (!File.Exists(Path.Combine(full, GraphFiles[0])))
        {
            throw new FileNotFoundException($"T5 model folder '{full}' lacks '{GraphFiles[0]}'.", Path.Combine(full, GraphFiles[0]));
        }

        var results = new List<T5QuantizedGraph>();
        foreach (var file in GraphFiles.Select(f => Path.Combine(full, f)).Where(File.Exists))
        {
            var model = OnnxModelFile.Read(file);
            var quantizedOp = AllNodes(model.Graph).FirstOrDefault(n => GraphQuantizer.QuantizedOpTypes.Contains(n.OpType));
            if (quantizedOp is not null)
            {
                throw new InvalidDataException($"'{file}' is already quantised (node '{quantizedOp.Name}' is a {quantizedOp.OpType}).");
            }

            var counts = new NestedMatMulQuantizer(model, options, file).Run();
            var destination = Path.Combine(full, QuantizedName(file));
            var bytes = OnnxModelFile.Write(model, destination);
            results.Add(new T5QuantizedGraph(file, destination, counts.MatMulsQuantized, counts.MatMulsKeptFloat, new FileInfo(file).Length, bytes));
        }

        return results;
    }

    private static IEnumerable<global::Onnx.NodeProto> AllNodes(global::Onnx.GraphProto graph) =>
        graph.Node.Concat(graph.Node.SelectMany(n => n.Attribute)
            .SelectMany(a => (a.G is null ? [] : new[] { a.G }).Concat(a.Graphs))
            .SelectMany(AllNodes));
}
