using System.Text;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// A key-value client written the way a third-party library is: <c>ConfigureAwait(false)</c> on every await, a
/// <see cref="SemaphoreSlim"/> serialising requests on one lazily opened connection, and a back-off on <c>BUSY</c>
/// through the <see cref="TimeProvider"/> it is given. It knows nothing of SimLoop.
/// </summary>
internal sealed class ThirdPartyKeyValueClient(Func<CancellationToken, Task<Stream>> connect, TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Stream? _stream;
    private StreamReader? _reader;

    /// <summary>How many times the server said BUSY and the client backed off.</summary>
    public int BackOffs { get; private set; }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken) =>
        await SendAsync($"SET {key} {value}", cancellationToken).ConfigureAwait(false);

    public async Task<string> GetAsync(string key, CancellationToken cancellationToken) =>
        await SendAsync($"GET {key}", cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<string> SendAsync(string request, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                if (_stream is null)
                {
                    _stream = await connect(cancellationToken).ConfigureAwait(false);
                    _reader = new StreamReader(_stream, new UTF8Encoding(false), false, 1024, leaveOpen: true);
                }

                await _stream.WriteAsync(Encoding.UTF8.GetBytes(request + "\n"), cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                string reply = await _reader!.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("connection closed");
                if (reply != "BUSY" || attempt == 5)
                {
                    return reply;
                }

                BackOffs++;
                await Task.Delay(TimeSpan.FromMilliseconds(10 << attempt), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
