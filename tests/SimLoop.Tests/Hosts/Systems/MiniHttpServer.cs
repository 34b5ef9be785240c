using System.Globalization;
using System.Text;
using SimLoop.Hosts;

namespace SimLoop.Tests.Hosts.Systems;

/// <summary>
/// A minimal HTTP/1.1 server over <see cref="Stream"/>: request line, headers, a Content-Length body; keep-alive
/// until the client closes or sends <c>Connection: close</c>. The response body is <c>METHOD PATH BODY</c>.
/// </summary>
internal static class MiniHttpServer
{
    public static async Task HandleAsync(Stream stream, CancellationToken cancellationToken)
    {
        var input = new HttpInput(stream);
        while (await input.ReadLineAsync(cancellationToken) is { Length: > 0 } requestLine)
        {
            string[] parts = requestLine.Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? line;
            while ((line = await input.ReadLineAsync(cancellationToken)) is { Length: > 0 })
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            int length = headers.TryGetValue("Content-Length", out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
            byte[] body = await input.ReadBytesAsync(length, cancellationToken);
            byte[] content = Encoding.UTF8.GetBytes($"{parts[0]} {parts[1]} {Encoding.UTF8.GetString(body)}");
            string head = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {content.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
            await stream.WriteAsync(content, cancellationToken);
            if (headers.TryGetValue("Connection", out string? connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }
    }
}
