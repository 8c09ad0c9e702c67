using System.Security.Cryptography;
using System.Text;

namespace Dossiers.Engine;

/// <summary>Name-based ids (RFC 9562 v5): the same name always gives the same stream id, on every node.</summary>
public static class StableId
{
    private static readonly Guid Namespace = new("6f2c5e0a-3b9d-4c71-9a8e-1d0b7e4f2a55");

    public static Guid For(string kind, string name)
    {
        var bytes = SHA1.HashData([.. Namespace.ToByteArray(bigEndian: true), .. Encoding.UTF8.GetBytes($"{kind}:{name}")]);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes.AsSpan(0, 16), bigEndian: true);
    }
}
