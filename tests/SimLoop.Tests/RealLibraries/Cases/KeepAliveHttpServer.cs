using System.Globalization;
using System.Text;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// A small HTTP/1.1 server over <see cref="Stream"/>, written plainly (StreamReader): request line, headers, a
/// Content-Length body; the connection is kept alive until the client closes it or asks <c>Connection: close</c>.
/// The response body is <c>METHOD PATH BODY</c>.
/// </summary>
internal static class KeepAliveHttpServer
{
    public static async Task HandleAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } requestLine)
        {
            string[] parts = requestLine.Split(' ');
            int length = 0;
            bool close = false;
            while (await reader.ReadLineAsync(cancellationToken) is { Length: > 0 } header)
            {
                int colon = header.IndexOf(':', StringComparison.Ordinal);
                string name = header[..colon].Trim(), value = header[(colon + 1)..].Trim();
                length = name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) ? int.Parse(value, CultureInfo.InvariantCulture) : length;
                close |= name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.Equals("close", StringComparison.OrdinalIgnoreCase);
            }

            char[] body = new char[length];
            if (length > 0)
            {
                await reader.ReadBlockAsync(body, cancellationToken); // with an empty buffer it would wait for data anyway
            }
            byte[] content = Encoding.UTF8.GetBytes($"{parts[0]} {parts[1]} {new string(body)}");
            string head = string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {content.Length}\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
            await stream.WriteAsync(content, cancellationToken);
            if (close)
            {
                return;
            }
        }
    }
}
