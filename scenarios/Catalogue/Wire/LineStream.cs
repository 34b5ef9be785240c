using System.Text;

namespace SimLoop.Scenarios.Catalogue.Wire;

/// <summary>A newline-delimited text protocol over any <see cref="Stream"/> (UTF-8, one message a line).</summary>
internal sealed class LineStream(Stream stream)
{
    private readonly byte[] _buffer = new byte[512];
    private readonly StringBuilder _pending = new();

    public Stream Stream => stream;

    /// <summary>The next line without its newline, or null at end of stream.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken ct = default)
    {
        while (true)
        {
            string text = _pending.ToString();
            int newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0)
            {
                _pending.Remove(0, newline + 1);
                return text[..newline];
            }

            int read = await stream.ReadAsync(_buffer, ct);
            if (read == 0)
            {
                return null;
            }

            _pending.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }
    }

    public async Task WriteLineAsync(string line, CancellationToken ct = default)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);
        await stream.FlushAsync(ct);
    }
}
