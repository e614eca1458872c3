using System.Text.RegularExpressions;
using Google.Protobuf;
using Onnx;

namespace GenQ.Generation.Modeling;

/// <summary>
/// Removes the cross-attention cache copy from a merged T5 decoder's cached branch. Optimum merges the two decoders
/// into one <c>If</c> on <c>use_cache_branch</c>, and both branches must return the same outputs, so the cached branch
/// returns <c>present.{i}.encoder.key/value</c> as <c>Identity</c> of its <c>past_key_values.{i}.encoder.*</c>
/// inputs. An <c>Identity</c> of a graph input cannot alias it, so every cached step copied the whole cross-attention
/// cache (about 22 MB a row for T5-base): on CPU half of the decoder's time at batch 8 (ONNX Runtime's profile:
/// Identity 3.8 s of the If's 7.5 s), although nothing reads those outputs after the first step. Here the cached
/// branch returns an empty tensor ([0, heads, 0, head_dim]) for them instead; the no-cache branch, which computes
/// them, is untouched. Returns null, and the file is loaded as it is, when the graph does not have that shape.
/// </summary>
internal static partial class MergedDecoderRewrite
{
    // Models over 2 GB keep their weights in external files, which a model given as bytes could not find.
    private const long MaxInlineBytes = int.MaxValue;

    public static byte[]? WithoutCrossCacheCopy(string mergedDecoderPath, out int replaced)
    {
        replaced = 0;
        if (new FileInfo(mergedDecoderPath).Length >= MaxInlineBytes)
        {
            return null;
        }

        ModelProto model;
        try
        {
            using var stream = File.OpenRead(mergedDecoderPath);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException)
        {
            return null; // not an ONNX file: loading it as it is gives ONNX Runtime's error, which names the file
        }

        if (model.Graph.Initializer.Any(i => i.DataLocation == TensorProto.Types.DataLocation.External))
        {
            return null;
        }

        var ifNode = model.Graph.Node.SingleOrDefault(n => n.OpType == "If" && n.Input.Count == 1 && n.Input[0] == "use_cache_branch");
        var cached = ifNode?.Attribute.SingleOrDefault(a => a.Name == "then_branch")?.G;
        if (ifNode is null || cached is null || cached.Output.Count != ifNode.Output.Count)
        {
            return null;
        }

        var graphInputs = model.Graph.Input.ToDictionary(i => i.Name);
        for (var o = 0; o < ifNode.Output.Count; o++)
        {
            if (!EncoderPresent().IsMatch(ifNode.Output[o]))
            {
                continue;
            }

            var producer = cached.Node.SingleOrDefault(n => n.Output.Contains(cached.Output[o].Name));
            if (producer is not { OpType: "Identity" } || !graphInputs.TryGetValue(producer.Input[0], out var past) || !EncoderPast().IsMatch(past.Name))
            {
                continue;
            }

            var dims = past.Type.TensorType.Shape.Dim;
            if (dims.Count != 4 || dims[1].DimValue <= 0 || dims[3].DimValue <= 0)
            {
                continue;
            }

            var empty = new TensorProto { Name = producer.Output[0] + "/empty", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 0, dims[1].DimValue, 0, dims[3].DimValue } };
            var constant = new NodeProto
            {
                OpType = "Constant",
                Name = producer.Name + "/empty",
                Output = { producer.Output[0] },
                Attribute = { new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = empty } },
            };
            cached.Node[cached.Node.IndexOf(producer)] = constant;
            replaced++;
        }

        return replaced == 0 ? null : model.ToByteArray();
    }

    [GeneratedRegex(@"^present\.\d+\.encoder\.(key|value)$")]
    private static partial Regex EncoderPresent();

    [GeneratedRegex(@"^past_key_values\.\d+\.encoder\.(key|value)$")]
    private static partial Regex EncoderPast();
}
