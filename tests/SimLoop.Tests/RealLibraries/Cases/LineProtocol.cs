using System.Text;
using SimLoop.Hosts;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// A one-line request, one-line reply protocol over a stream, written the plain way (StreamReader/StreamWriter, which
/// await with <c>ConfigureAwait(false)</c> inside the BCL).
/// </summary>
internal static class LineProtocol
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Opens a connection from <paramref name="from"/>, sends one line, reads the reply line and closes.</summary>
    public static async Task<string> CallAsync(SimulatedHost from, string server, int port, string request, CancellationToken cancellationToken)
    {
        await using Stream stream = await from.OpenConnectionAsync(server, port, cancellationToken);
        await WriteLineAsync(stream, request, cancellationToken);
        using var reader = new StreamReader(stream, s_utf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return await reader.ReadLineAsync(cancellationToken) ?? throw new IOException($"the server closed the connection before replying to '{request}'");
    }

    /// <summary>Serves one connection: each request line gets the reply <paramref name="reply"/> computes.</summary>
    public static async Task ServeAsync(Stream stream, Func<string, CancellationToken, Task<string?>> reply, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, s_utf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } request)
        {
            if (await reply(request, cancellationToken) is { } line)
            {
                await WriteLineAsync(stream, line, cancellationToken);
            }
        }
    }

    public static async Task WriteLineAsync(Stream stream, string line, CancellationToken cancellationToken) =>
        await stream.WriteAsync(s_utf8.GetBytes(line + "\n"), cancellationToken);
}
