using System.Globalization;
using System.Text;

namespace SimLoop.AspNetCore.Server;

/// <summary>
/// Reads HTTP/1.1 requests from a connection: the request line, the headers, and a body framed by Content-Length or
/// chunked transfer coding (read whole before the app runs). Limits keep a misbehaving peer from growing memory.
/// </summary>
internal sealed class Http1RequestReader(Stream stream)
{
    private const int MaxLineLength = 16 * 1024;
    private const int MaxHeaderCount = 200;
    private const long MaxBodyLength = 30L * 1024 * 1024; // Kestrel's default MaxRequestBodySize

    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>Reads the next request, or returns null when the peer closed the connection between requests.</summary>
    /// <exception cref="Http1ProtocolException">The bytes are not a valid HTTP/1.x request.</exception>
    /// <exception cref="IOException">The connection failed, or closed in the middle of a request.</exception>
    public async Task<Http1Request?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        string? requestLine = await ReadLineAsync(cancellationToken);
        while (requestLine is { Length: 0 })
        {
            requestLine = await ReadLineAsync(cancellationToken); // RFC 9112 2.2: ignore empty lines before a request
        }

        if (requestLine is null)
        {
            return null;
        }

        string[] parts = requestLine.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new Http1ProtocolException($"Bad request line '{requestLine}'.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            string line = await ReadLineAsync(cancellationToken) ?? throw new IOException("The connection closed in the middle of the request headers.");
            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || headers.Count >= MaxHeaderCount)
            {
                throw new Http1ProtocolException($"Bad header line '{line}'.");
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        string? transferEncoding = Find(headers, "Transfer-Encoding");
        string? contentLength = Find(headers, "Content-Length");
        byte[] body;
        bool hasBody;
        if (transferEncoding is not null)
        {
            if (!transferEncoding.EndsWith("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new Http1ProtocolException($"Unsupported Transfer-Encoding '{transferEncoding}'.");
            }

            body = await ReadChunkedAsync(cancellationToken);
            hasBody = true;
        }
        else if (contentLength is not null)
        {
            if (!long.TryParse(contentLength, NumberStyles.None, CultureInfo.InvariantCulture, out long length) || length > MaxBodyLength)
            {
                throw new Http1ProtocolException($"Bad Content-Length '{contentLength}'.");
            }

            body = new byte[length];
            await ReadExactlyAsync(body, cancellationToken);
            hasBody = true;
        }
        else
        {
            body = [];
            hasBody = false;
        }

        string? connection = Find(headers, "Connection");
        bool close = parts[2] == "HTTP/1.0"
            ? !string.Equals(connection, "keep-alive", StringComparison.OrdinalIgnoreCase)
            : connection is not null && connection.Contains("close", StringComparison.OrdinalIgnoreCase);
        return new Http1Request { Method = parts[0], Target = parts[1], Protocol = parts[2], Headers = headers, Body = body, Close = close, HasBody = hasBody };
    }

    private static string? Find(List<KeyValuePair<string, string>> headers, string name)
    {
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            string sizeLine = await ReadLineAsync(cancellationToken) ?? throw new IOException("The connection closed in the middle of a chunked body.");
            int semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            string hex = (semicolon >= 0 ? sizeLine[..semicolon] : sizeLine).Trim();
            if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int size) || size < 0 || body.Length + size > MaxBodyLength)
            {
                throw new Http1ProtocolException($"Bad chunk size '{sizeLine}'.");
            }

            if (size == 0)
            {
                // Trailers (ignored) up to the empty line.
                while ((await ReadLineAsync(cancellationToken) ?? throw new IOException("The connection closed in the chunked trailers.")).Length != 0)
                {
                }

                return body.ToArray();
            }

            byte[] chunk = new byte[size];
            await ReadExactlyAsync(chunk, cancellationToken);
            body.Write(chunk);
            if ((await ReadLineAsync(cancellationToken)) is not { Length: 0 })
            {
                throw new Http1ProtocolException("A chunk is not followed by CRLF.");
            }
        }
    }

    private async Task ReadExactlyAsync(byte[] destination, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw new IOException("The connection closed in the middle of the request body.");
            }

            int n = Math.Min(destination.Length - filled, _end - _start);
            Array.Copy(_buffer, _start, destination, filled, n);
            _start += n;
            filled += n;
        }
    }

    /// <summary>Reads a line ended by CRLF (or LF), without its end; null at end of stream before any byte.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return line.Length == 0 ? null : throw new IOException("The connection closed in the middle of a line.");
            }

            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int stop = newline >= 0 ? newline : _end;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, stop - _start));
            _start = newline >= 0 ? newline + 1 : _end;
            if (line.Length > MaxLineLength)
            {
                throw new Http1ProtocolException("A request line or header is too long.");
            }

            if (newline >= 0)
            {
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line.Length--;
                }

                return line.ToString();
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }
}
