using System.Globalization;

namespace SimLoop.Networking;

/// <summary>
/// A message's trace description, kept as its parts and formatted only when the trace asks for it: a text (ports),
/// optionally <c>key=value</c> and <c>len=length</c> (stream segments and acknowledgements), and the retry number.
/// </summary>
/// <param name="Text">The leading text (for a stream message, its ports).</param>
/// <param name="Key">The name of <paramref name="Value"/> (<c>seq</c>, <c>ack</c>), or null for none.</param>
/// <param name="Value">The sequence or acknowledgement number.</param>
/// <param name="Length">The payload length shown as <c>len=</c>, or -1 for none.</param>
/// <param name="Attempt">The retransmission number; 0 for the first transmission.</param>
internal readonly record struct MessageDetail(string Text, string? Key = null, long Value = 0, int Length = -1, int Attempt = 0)
{
    public static implicit operator MessageDetail(string text) => new(text);

    public override string ToString()
    {
        string text = Key is null ? Text
            : Length < 0 ? string.Create(CultureInfo.InvariantCulture, $"{Text} {Key}={Value}")
            : string.Create(CultureInfo.InvariantCulture, $"{Text} {Key}={Value} len={Length}");
        return Attempt == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text} retry={Attempt}");
    }
}
