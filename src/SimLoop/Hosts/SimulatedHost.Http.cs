namespace SimLoop.Hosts;

/// <summary>HttpClient over the simulated network: the real <see cref="SocketsHttpHandler"/>, connected through this host.</summary>
public sealed partial class SimulatedHost
{
    /// <summary>The default request timeout of <see cref="CreateHttpClient"/>, as <see cref="HttpClient.Timeout"/>'s: 100 s.</summary>
    public static readonly TimeSpan DefaultHttpTimeout = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Creates the real <see cref="SocketsHttpHandler"/> set up for a simulation: every connection is opened from this
    /// host over the simulated network (<see cref="SocketsHttpHandler.ConnectCallback"/>), connections are pooled and
    /// kept alive, and the settings that would start real-time timers are off (no pooled-connection idle timeout or
    /// lifetime, no connect, drain or Expect: 100-continue timeouts, no proxy). Its thread-pool hops are adopted by
    /// the loop (<see cref="SimulationOptions.AdoptThreadPoolWork"/>), so requests run deterministically.
    /// </summary>
    /// <returns>The handler; dispose it, or the client that owns it, when done.</returns>
    /// <remarks>
    /// The pool's own scavenging timer still runs in real time (every 30 s): a single handler used for longer than that
    /// in real time may see it. Runs of a simulation take far less; create one handler per run.
    /// </remarks>
    public SocketsHttpHandler CreateHttpHandler() => new()
    {
        ConnectCallback = async (context, token) => await OpenConnectionAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, token),
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = Timeout.InfiniteTimeSpan,
        ResponseDrainTimeout = Timeout.InfiniteTimeSpan,
        Expect100ContinueTimeout = TimeSpan.Zero,
    };

    /// <summary>
    /// Creates an <see cref="HttpClient"/> over <see cref="CreateHttpHandler"/>, sending HTTP/1.1 from this host with
    /// pooled keep-alive connections. Its request timeout runs in virtual time, on the loop's
    /// <see cref="SimulatedEventLoop.TimeProvider"/>: a request that takes longer fails as <see cref="HttpClient.Timeout"/>
    /// would make it fail (<see cref="TaskCanceledException"/> with an inner <see cref="TimeoutException"/>).
    /// </summary>
    /// <param name="timeout">The request timeout in virtual time (default <see cref="DefaultHttpTimeout"/>);
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <returns>The client; dispose it when done.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is neither positive nor infinite.</exception>
    public HttpClient CreateHttpClient(TimeSpan? timeout = null)
    {
        TimeSpan requestTimeout = timeout ?? DefaultHttpTimeout;
        if (requestTimeout <= TimeSpan.Zero && requestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The request timeout must be positive, or Timeout.InfiniteTimeSpan for none.");
        }

        return new HttpClient(new VirtualTimeoutHandler(_loop.TimeProvider, requestTimeout) { InnerHandler = CreateHttpHandler() }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // HttpClient's own timeout is a real-time timer; the handler above keeps it in virtual time
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }
}
