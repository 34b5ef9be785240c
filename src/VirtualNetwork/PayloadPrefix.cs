using System.Buffers.Binary;
using System.Text;

namespace SimLoop.Networking;

/// <summary>
/// The first bytes (up to <see cref="Capacity"/>) of a message's payload, kept by value in four words: no allocation
/// per message, and two prefixes of equal bytes are equal (so recorded events compare by value across runs).
/// </summary>
/// <param name="Word0">Bytes 0-7, little-endian.</param>
/// <param name="Word1">Bytes 8-15.</param>
/// <param name="Word2">Bytes 16-23.</param>
/// <param name="Word3">Bytes 24-31.</param>
/// <param name="Count">How many bytes are kept (0 to <see cref="Capacity"/>).</param>
public readonly record struct PayloadPrefix(ulong Word0, ulong Word1, ulong Word2, ulong Word3, byte Count)
{
    /// <summary>The most bytes a prefix keeps.</summary>
    public const int Capacity = 32;

    /// <summary>The first bytes of <paramref name="payload"/>.</summary>
    /// <param name="payload">The payload.</param>
    /// <returns>Its prefix.</returns>
    public static PayloadPrefix Of(ReadOnlySpan<byte> payload)
    {
        Span<byte> buffer = stackalloc byte[Capacity];
        buffer.Clear();
        int count = Math.Min(payload.Length, Capacity);
        payload[..count].CopyTo(buffer);
        return new PayloadPrefix(
            BinaryPrimitives.ReadUInt64LittleEndian(buffer),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer[24..]),
            (byte)count);
    }

    /// <summary>The kept bytes.</summary>
    /// <returns>A new array of <see cref="Count"/> bytes.</returns>
    public byte[] ToArray()
    {
        var buffer = new byte[Capacity];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, Word0);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(8), Word1);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(16), Word2);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(24), Word3);
        return buffer[..Count];
    }

    /// <summary>
    /// The kept bytes as text when they are printable ASCII (line breaks and tabs shown as <c>\n</c>, <c>\r</c>,
    /// <c>\t</c>), otherwise null.
    /// </summary>
    /// <returns>The text, or null.</returns>
    public string? AsPrintableText()
    {
        if (Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(Count + 4);
        foreach (byte b in ToArray())
        {
            switch (b)
            {
                case (byte)'\n': text.Append("\\n"); break;
                case (byte)'\r': text.Append("\\r"); break;
                case (byte)'\t': text.Append("\\t"); break;
                case >= 0x20 and < 0x7f: text.Append((char)b); break;
                default: return null;
            }
        }

        return text.ToString();
    }
}
