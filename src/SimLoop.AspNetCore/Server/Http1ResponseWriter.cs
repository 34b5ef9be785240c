using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace SimLoop.AspNetCore.Server;

/// <summary>
/// Writes a buffered response as HTTP/1.1: the status line, the app's headers, then the body framed by Content-Length
/// (the buffered length), or chunked when the app asked for <c>Transfer-Encoding: chunked</c> itself.
/// </summary>
internal static class Http1ResponseWriter
{
    public static async Task WriteAsync(Stream stream, BufferedResponseFeature response, ReadOnlyMemory<byte> body, bool headRequest, bool close, CancellationToken cancellationToken)
    {
        IHeaderDictionary headers = response.Headers;
        bool chunked = headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
        bool bodyless = headRequest || response.StatusCode is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified;
        if (!chunked && !bodyless)
        {
            headers.ContentLength = body.Length;
        }

        if (close)
        {
            headers.Connection = "close";
        }

        var head = new StringBuilder();
        string reason = response.ReasonPhrase ?? ReasonPhrases.GetReasonPhrase(response.StatusCode);
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.StatusCode} {reason}\r\n");
        foreach (KeyValuePair<string, StringValues> header in headers)
        {
            foreach (string? value in header.Value)
            {
                head.Append(header.Key).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("\r\n");
        using var bytes = new MemoryStream();
        bytes.Write(Encoding.Latin1.GetBytes(head.ToString()));
        if (!bodyless)
        {
            if (chunked)
            {
                if (body.Length > 0)
                {
                    bytes.Write(Encoding.ASCII.GetBytes(body.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
                    bytes.Write(body.Span);
                    bytes.Write("\r\n"u8);
                }

                bytes.Write("0\r\n\r\n"u8);
            }
            else
            {
                bytes.Write(body.Span);
            }
        }

        await stream.WriteAsync(bytes.GetBuffer().AsMemory(0, (int)bytes.Length), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
