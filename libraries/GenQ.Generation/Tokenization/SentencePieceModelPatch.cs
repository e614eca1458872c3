using Google.Protobuf;

namespace GenQ.Generation.Tokenization;

/// <summary>
/// T5's spiece.model has no &lt;s&gt; (trainer_spec.bos_id = -1), which Microsoft.ML.Tokenizers 2.0.1 indexes
/// unchecked and fails on. This rewrites bos_id to an existing control id (never emitted: BOS is not added), leaving
/// every other field of the protobuf untouched.
/// </summary>
internal static class SentencePieceModelPatch
{
    private const int TrainerSpecField = 2; // ModelProto.trainer_spec
    private const int UnkIdField = 40; // TrainerSpec.unk_id
    private const int BosIdField = 41; // TrainerSpec.bos_id
    private const int PadIdField = 43; // TrainerSpec.pad_id

    public static byte[] WithValidBosId(byte[] model)
    {
        var output = new MemoryStream(model.Length + 16);
        var writer = new CodedOutputStream(output);
        var reader = new CodedInputStream(model);
        uint tag;
        while ((tag = reader.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == TrainerSpecField && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                writer.WriteTag(tag);
                writer.WriteBytes(PatchTrainerSpec(reader.ReadBytes()));
            }
            else
            {
                CopyField(reader, writer, tag);
            }
        }

        writer.Flush();
        return output.ToArray();
    }

    private static ByteString PatchTrainerSpec(ByteString spec)
    {
        int? bos = null, pad = null, unk = null;
        var reader = new CodedInputStream(spec.ToByteArray());
        uint tag;
        while ((tag = reader.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case BosIdField: bos = reader.ReadInt32(); break;
                case PadIdField: pad = reader.ReadInt32(); break;
                case UnkIdField: unk = reader.ReadInt32(); break;
                default: reader.SkipLastField(); break;
            }
        }

        // An absent bos_id means the proto default of 1, which exists.
        if (bos is null or >= 0)
        {
            return spec;
        }

        var replacement = pad is >= 0 ? pad.Value : unk ?? 0;
        var output = new MemoryStream();
        var writer = new CodedOutputStream(output);
        reader = new CodedInputStream(spec.ToByteArray());
        while ((tag = reader.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == BosIdField)
            {
                reader.ReadInt32();
                writer.WriteTag(tag);
                writer.WriteInt32(replacement);
            }
            else
            {
                CopyField(reader, writer, tag);
            }
        }

        writer.Flush();
        return ByteString.CopyFrom(output.ToArray());
    }

    private static void CopyField(CodedInputStream reader, CodedOutputStream writer, uint tag)
    {
        writer.WriteTag(tag);
        switch (WireFormat.GetTagWireType(tag))
        {
            case WireFormat.WireType.Varint: writer.WriteUInt64(reader.ReadUInt64()); break;
            case WireFormat.WireType.Fixed64: writer.WriteFixed64(reader.ReadFixed64()); break;
            case WireFormat.WireType.Fixed32: writer.WriteFixed32(reader.ReadFixed32()); break;
            case WireFormat.WireType.LengthDelimited: writer.WriteBytes(reader.ReadBytes()); break;
            default: throw new InvalidDataException($"Unsupported protobuf wire type in SentencePiece model (tag {tag}).");
        }
    }
}
