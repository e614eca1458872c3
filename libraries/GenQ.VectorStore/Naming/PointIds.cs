using System.Security.Cryptography;
using System.Text;

namespace GenQ.VectorStore.Naming;

/// <summary>
/// Deterministic point ids: an RFC 4122 version-5 (SHA-1, name-based) UUID of the passage id in a fixed GenQ namespace.
/// Both backends use it, so the same passage has the same point id everywhere and re-upserting a passage replaces it.
/// </summary>
public static class PointIds
{
    /// <summary>Namespace UUID of GenQ passage ids (random, fixed forever: changing it changes every point id).</summary>
    public static readonly Guid PassageNamespace = new("5b0e6c8e-2f7a-4c39-9d51-8a3f0c6e1d27");

    /// <summary>Point id for <paramref name="passageId"/>.</summary>
    public static Guid FromPassageId(string passageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(passageId);
        return CreateVersion5(PassageNamespace, passageId);
    }

    /// <summary>RFC 4122 section 4.3 name-based UUID with SHA-1 (version 5) of a UTF-8 name.</summary>
    public static Guid CreateVersion5(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
        nameBytes.CopyTo(buffer, 16);

        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buffer, hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(uuid, bigEndian: true);
    }
}
