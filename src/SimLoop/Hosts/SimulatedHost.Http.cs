namespace SimLoop.Hosts;

/// <summary>HttpClient over the simulated network.</summary>
public sealed partial class SimulatedHost
{
    /// <summary>
    /// Creates an <see cref="HttpClient"/> that sends HTTP/1.1 requests over simulated connections from this host,
    /// entirely on the loop (one connection per request; no real-time timeout: <see cref="HttpClient.Timeout"/> is
    /// infinite, pass a cancellation token driven by the loop's TimeProvider instead).
    /// </summary>
    /// <remarks>
    /// <see cref="System.Net.Http.SocketsHttpHandler"/> with a <c>ConnectCallback</c> cannot be used: whatever its
    /// settings, its connection pool starts every new HTTP/1.1 connection after
    /// <c>await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding)</c>
    /// (<c>HttpConnectionPool.InjectNewHttp11ConnectionAsync</c>), which always continues on the thread pool, and
    /// hands the connection to the request through a <c>RunContinuationsAsynchronously</c> completion source awaited
    /// with <c>ConfigureAwait(false)</c>, a second thread-pool hop. The loop reports both as uncontrolled concurrency.
    /// </remarks>
    /// <returns>The client; dispose it when done.</returns>
    public HttpClient CreateHttpClient() =>
        new(new SimulatedHttpMessageHandler(this), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
}
