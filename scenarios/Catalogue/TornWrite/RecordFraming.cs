using System.Buffers.Binary;
using System.Text;

namespace SimLoop.Scenarios.Catalogue.TornWrite;

/// <summary>
/// How a log record is laid out. Buggy: <c>[length:4][payload]</c>, nothing to tell a whole record from a torn one.
/// Fixed: <c>[length:4][checksum:4][payload]</c>, the checksum (FNV-1a, 32 bits) over the length and the payload.
/// </summary>
internal static class RecordFraming
{
    public const int MaxPayload = 64 * 1024;

    public static int HeaderSize(bool checksummed) => checksummed ? 8 : 4;

    public static byte[] Frame(string payload, bool checksummed)
    {
        byte[] body = Encoding.UTF8.GetBytes(payload);
        byte[] record = new byte[HeaderSize(checksummed) + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, body.Length);
        if (checksummed)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Checksum(body.Length, body));
        }

        body.CopyTo(record.AsSpan(HeaderSize(checksummed)));
        return record;
    }

    public static uint Checksum(int length, ReadOnlySpan<byte> payload)
    {
        uint hash = 2166136261;
        Span<byte> lengthBytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(lengthBytes, length);
        foreach (byte b in lengthBytes)
        {
            hash = (hash ^ b) * 16777619;
        }

        foreach (byte b in payload)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
