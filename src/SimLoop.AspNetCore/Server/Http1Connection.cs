using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.AspNetCore.Server;

/// <summary>
/// Serves one HTTP/1.1 connection: reads a request, builds its feature collection, runs the app, writes the response,
/// and goes on while the connection is kept alive. Runs as the connection's host task on the loop.
/// </summary>
internal sealed class Http1Connection<TContext>(IHttpApplication<TContext> application, Stream stream, IPEndPoint? local, IPEndPoint? remote, string connectionId)
    where TContext : notnull
{
    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        var reader = new Http1RequestReader(stream);
        while (true)
        {
            Http1Request? request;
            try
            {
                request = await reader.ReadRequestAsync(cancellationToken);
            }
            catch (Http1ProtocolException)
            {
                var bad = new BufferedResponseFeature { StatusCode = StatusCodes.Status400BadRequest };
                await Http1ResponseWriter.WriteAsync(stream, bad, ReadOnlyMemory<byte>.Empty, headRequest: false, close: true, cancellationToken);
                return;
            }

            if (request is null)
            {
                return;
            }

            bool close = await ServeRequestAsync(request, cancellationToken) || request.Close;
            if (close)
            {
                return;
            }
        }
    }

    /// <returns>Whether the connection must close: the app aborted it (HttpContext.Abort), which resets it.</returns>
    private async Task<bool> ServeRequestAsync(Http1Request request, CancellationToken cancellationToken)
    {
        bool aborted = false;
        using var requestAborted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var responseBody = new MemoryStream();
        var response = new BufferedResponseFeature { Body = responseBody };
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(CreateRequestFeature(request));
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestBodyDetectionFeature>(new RequestBodyDetectionFeature(request.HasBody));
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = connectionId,
            LocalIpAddress = local?.Address,
            LocalPort = local?.Port ?? 0,
            RemoteIpAddress = remote?.Address,
            RemotePort = remote?.Port ?? 0,
        });
        features.Set<IHttpRequestLifetimeFeature>(new ConnectionLifetimeFeature(requestAborted.Token, () =>
        {
            aborted = true;
            requestAborted.Cancel();
        }));

        TContext context = application.CreateContext(features);
        Exception? error = null;
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // As Kestrel: an unhandled exception before the response started is a 500 with an empty body.
            error = ex;
            response.StatusCode = StatusCodes.Status500InternalServerError;
            response.ReasonPhrase = null;
            response.Headers.Clear();
            responseBody.SetLength(0);
        }

        try
        {
            if (aborted)
            {
                (stream as VirtualStream)?.Abort();
                return true;
            }

            await response.StartAsync();
            bool head = HttpMethods.IsHead(request.Method);
            await Http1ResponseWriter.WriteAsync(stream, response, responseBody.GetBuffer().AsMemory(0, (int)responseBody.Length), head, request.Close, cancellationToken);
            await response.CompleteAsync();
        }
        finally
        {
            application.DisposeContext(context, error);
        }

        return false;
    }

    private static HttpRequestFeature CreateRequestFeature(Http1Request request)
    {
        var headers = new HeaderDictionary();
        foreach (KeyValuePair<string, string> header in request.Headers)
        {
            headers.Append(header.Key, header.Value);
        }

        string target = request.Target;
        int query = target.IndexOf('?', StringComparison.Ordinal);
        string rawPath = query >= 0 ? target[..query] : target;
        return new HttpRequestFeature
        {
            Protocol = request.Protocol,
            Method = request.Method,
            Scheme = "http",
            PathBase = string.Empty,
            Path = Uri.UnescapeDataString(rawPath),
            QueryString = query >= 0 ? target[query..] : string.Empty,
            RawTarget = target,
            Headers = headers,
            Body = new MemoryStream(request.Body, writable: false),
        };
    }
}
