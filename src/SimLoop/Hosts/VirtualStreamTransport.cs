using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using SimLoop.Networking;
using SimLoop.Transports;

namespace SimLoop.Hosts;

/// <summary>
/// asyncio's socket transport over a <see cref="VirtualStream"/>. Protocol callbacks run in loop callbacks (never in
/// a task step): <see cref="IBaseProtocol.ConnectionMade"/>, then data, then EOF, then
/// <see cref="IBaseProtocol.ConnectionLost"/> exactly once. Errors reach the protocol as the
/// <see cref="SocketException"/> a socket would raise.
/// </summary>
[DebuggerDisplay("VirtualStreamTransport {_stream} closing={IsClosing}")]
internal sealed partial class VirtualStreamTransport : ITransport
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly BaseEventLoop _loop;
    private readonly VirtualStream _stream;
    private readonly Dictionary<string, object?> _extra;
    private readonly LoopServer? _server;
    private IBaseProtocol _protocol;
    private bool _closing;
    private bool _connectionLost;
    private bool _readingPaused;
    private TaskCompletionSource? _readingResumed;

    public VirtualStreamTransport(BaseEventLoop loop, VirtualStream stream, IBaseProtocol protocol, LoopFuture<bool> waiter, IReadOnlyDictionary<string, object?> extra, LoopServer? server)
    {
        _loop = loop;
        _stream = stream;
        _protocol = protocol;
        _server = server;
        var all = new Dictionary<string, object?>(extra, StringComparer.Ordinal) { ["sockname"] = stream.LocalEndPoint };
        all.TryAdd("peername", stream.RemoteEndPoint);
        _extra = all;
        (_highWater, _lowWater) = (DefaultHighWater, DefaultHighWater / 4);
        server?.Attach(this);
        _loop.CallSoon(static s => ((VirtualStreamTransport)s!).OnConnectionMade(), this);
        _loop.CallSoon(static s => _ = ((VirtualStreamTransport)s!).ReadLoopAsync(), this);
        _loop.CallSoon(static s => ((LoopFuture<bool>)s!).TrySetResult(true), waiter);
    }

    /// <inheritdoc/>
    public bool IsClosing => _closing;

    /// <inheritdoc/>
    public IBaseProtocol Protocol
    {
        get => _protocol;
        set => _protocol = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc/>
    public bool IsReading => !_closing && !_readingPaused;

    /// <inheritdoc/>
    public object? GetExtraInfo(string name, object? defaultValue = null) => _extra.TryGetValue(name, out object? value) ? value : defaultValue;

    /// <inheritdoc/>
    public void PauseReading()
    {
        if (!_closing)
        {
            _readingPaused = true;
        }
    }

    /// <inheritdoc/>
    public void ResumeReading()
    {
        if (_closing || !_readingPaused)
        {
            return;
        }

        _readingPaused = false;
        if (_readingResumed is { } resumed)
        {
            _readingResumed = null;
            _loop.CallSoon(static s => ((TaskCompletionSource)s!).TrySetResult(), resumed);
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        ResumeWaitingReader();
        if (_writeBuffer.Count == 0 && !_sending)
        {
            _loop.CallSoon(static s => ((VirtualStreamTransport)s!).CallConnectionLost(null), this);
        }
    }

    /// <inheritdoc/>
    public void Abort() => ForceClose(null, reset: true);

    private void OnConnectionMade()
    {
        if (!_connectionLost)
        {
            _protocol.ConnectionMade(this);
        }
    }

    private async Task ReadLoopAsync()
    {
        while (!_closing)
        {
            if (_readingPaused)
            {
                _readingResumed = new TaskCompletionSource();
                await _readingResumed.Task.ConfigureAwait(false);
                continue;
            }

            IBufferedProtocol? buffered = _protocol as IBufferedProtocol;
            if (buffered is null && !await WaitReadableAsync().ConfigureAwait(false))
            {
                return;
            }

            if (_closing)
            {
                return;
            }

            // A plain protocol reads into a pooled buffer only once bytes are there (a zero-byte read waits for them),
            // so an idle connection holds no read buffer; the protocol sees the span only inside DataReceived.
            byte[]? rented = buffered is null ? ArrayPool<byte>.Shared.Rent(ReadBufferSize) : null;
            try
            {
                if (!await ReadOnceAsync(buffered, rented).ConfigureAwait(false))
                {
                    return;
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }

    /// <summary>Waits until bytes (or the end of the stream) can be read; false when the connection failed meanwhile.</summary>
    private async Task<bool> WaitReadableAsync()
    {
        try
        {
            await _stream.ReadAsync(Memory<byte>.Empty).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            if (!_closing)
            {
                ForceClose(ex.InnerException as SocketException ?? (Exception)ex, reset: false);
            }

            return false;
        }
    }

    /// <summary>One read and its delivery to the protocol; false when the read loop ends.</summary>
    private async Task<bool> ReadOnceAsync(IBufferedProtocol? buffered, byte[]? own)
    {
        Memory<byte> buffer;
        try
        {
            buffer = buffered is null ? own.AsMemory(0, ReadBufferSize) : buffered.GetBuffer(-1);
        }
        catch (Exception ex) when (ex is not LoopTerminatingException)
        {
            FatalError(ex, "protocol.get_buffer()");
            return false;
        }

        if (buffer.IsEmpty)
        {
            ForceClose(new InvalidOperationException("IBufferedProtocol.GetBuffer returned an empty buffer."), reset: true);
            return false;
        }

        int read;
        try
        {
            read = await _stream.ReadAsync(buffer).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            if (!_closing)
            {
                ForceClose(ex.InnerException as SocketException ?? (Exception)ex, reset: false);
            }

            return false;
        }

        while (_readingPaused && !_closing)
        {
            _readingResumed = new TaskCompletionSource();
            await _readingResumed.Task.ConfigureAwait(false);
        }

        if (_closing)
        {
            return false;
        }

        if (read == 0)
        {
            OnEof();
            return false;
        }

        try
        {
            if (buffered is not null)
            {
                buffered.BufferUpdated(read);
            }
            else if (_protocol is IProtocol protocol)
            {
                protocol.DataReceived(own.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is not LoopTerminatingException)
        {
            FatalError(ex, buffered is null ? "protocol.data_received()" : "protocol.buffer_updated()");
            return false;
        }

        return true;
    }

    private void OnEof()
    {
        bool keepOpen;
        try
        {
            keepOpen = _protocol switch
            {
                IBufferedProtocol buffered => buffered.EofReceived(),
                IProtocol protocol => protocol.EofReceived(),
                _ => false,
            };
        }
        catch (Exception ex) when (ex is not LoopTerminatingException)
        {
            FatalError(ex, "protocol.eof_received()");
            return;
        }

        if (!keepOpen)
        {
            Close();
        }
    }

    private void ResumeWaitingReader()
    {
        if (_readingResumed is { } resumed)
        {
            _readingResumed = null;
            _loop.CallSoon(static s => ((TaskCompletionSource)s!).TrySetResult(), resumed);
        }
    }

    /// <summary>Closes at once: buffered writes are dropped; the connection is reset when <paramref name="reset"/>, else disposed.</summary>
    private void ForceClose(Exception? exception, bool reset)
    {
        if (_connectionLost)
        {
            return;
        }

        _closing = true;
        _writeBuffer.Clear();
        _writeBufferSize = 0;
        ResumeWaitingReader();
        if (reset)
        {
            _stream.Abort();
        }

        _loop.CallSoon(static s =>
        {
            var (transport, error) = ((VirtualStreamTransport, Exception?))s!;
            transport.CallConnectionLost(error);
        }, (this, exception));
    }

    private void CallConnectionLost(Exception? exception)
    {
        if (_connectionLost)
        {
            return;
        }

        _connectionLost = true;
        _stream.Dispose();
        try
        {
            _protocol.ConnectionLost(exception);
        }
        finally
        {
            _server?.Detach(this);
        }
    }
}
