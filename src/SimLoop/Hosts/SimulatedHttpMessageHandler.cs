using System.Globalization;
using System.Net;
using System.Text;
using SimLoop.Networking;

namespace SimLoop.Hosts;

/// <summary>
/// A minimal HTTP/1.1 client handler over simulated connections: one connection per request
/// (<c>Connection: close</c>), a buffered request body with Content-Length, and a response body delimited by
/// Content-Length, chunked encoding, or the end of the connection. It exists because
/// <see cref="System.Net.Http.SocketsHttpHandler"/> hops to the thread pool for every new connection (see
/// <see cref="SimulatedHost.CreateHttpClient"/>); everything here is awaited on the loop.
/// </summary>
/// <remarks>
/// Every await here uses <c>ConfigureAwait(false)</c> on purpose: the network completes operations in loop callbacks
/// with no synchronization context, so the handler resumes inline there, and its task completes where HttpClient's
/// own <c>ConfigureAwait(false)</c> continuations may run inline. Resuming in the caller's task step instead would
/// complete the task under that step's synchronization context, which sends HttpClient's continuations to the thread pool.
/// </remarks>
internal sealed class SimulatedHttpMessageHandler(SimulatedHost host) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new NotSupportedException($"Only absolute http:// URIs are supported over the simulated network, not '{uri}'.");
        }

        VirtualStream stream = await host.OpenConnectionAsync(uri.Host, uri.Port, cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(FormatHead(request, uri, body.Length)), cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            return await ReadResponseAsync(new HttpInput(stream), request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string FormatHead(HttpRequestMessage request, Uri uri, int bodyLength)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{request.Method.Method} {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\n");
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
        {
            if (!header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(CultureInfo.InvariantCulture, $"{header.Key}: {string.Join(", ", header.Value)}\r\n");
            }
        }

        if (request.Content is { } content)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in content.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    head.Append(CultureInfo.InvariantCulture, $"{header.Key}: {string.Join(", ", header.Value)}\r\n");
                }
            }

            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {bodyLength}\r\n");
        }

        return head.Append("Connection: close\r\n\r\n").ToString();
    }

    private static async Task<HttpResponseMessage> ReadResponseAsync(HttpInput input, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string statusLine = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new HttpRequestException("The server closed the connection before responding.");
        string[] status = statusLine.Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(status[1], CultureInfo.InvariantCulture, out int code))
        {
            throw new HttpRequestException($"Invalid HTTP status line '{statusLine}'.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } line)
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new HttpRequestException($"Invalid HTTP header line '{line}'.");
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        string? Header(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        byte[] body = Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true
            ? await input.ReadChunkedAsync(cancellationToken).ConfigureAwait(false)
            : Header("Content-Length") is { } length ? await input.ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false)
            : await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var response = new HttpResponseMessage((HttpStatusCode)code)
        {
            ReasonPhrase = status.Length > 2 ? status[2] : null,
            Version = HttpVersion.Version11,
            RequestMessage = request,
            Content = new ByteArrayContent(body),
        };
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !response.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return response;
    }
}
