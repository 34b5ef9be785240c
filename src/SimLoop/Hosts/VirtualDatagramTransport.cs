using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SimLoop.Networking;
using SimLoop.Transports;

namespace SimLoop.Hosts;

/// <summary>
/// asyncio's datagram transport over a <see cref="VirtualDatagramSocket"/>: <see cref="IBaseProtocol.ConnectionMade"/>,
/// then <see cref="IDatagramProtocol.DatagramReceived"/> / <see cref="IDatagramProtocol.ErrorReceived"/>, then
/// <see cref="IBaseProtocol.ConnectionLost"/> exactly once, each in a loop callback.
/// </summary>
[DebuggerDisplay("VirtualDatagramTransport {_socket} closing={IsClosing}")]
internal sealed class VirtualDatagramTransport : IDatagramTransport
{
    private readonly BaseEventLoop _loop;
    private readonly VirtualDatagramSocket _socket;
    private readonly IPEndPoint? _remote;
    private readonly Dictionary<string, object?> _extra;
    private IDatagramProtocol _protocol;
    private bool _closing;
    private bool _connectionLost;

    public VirtualDatagramTransport(BaseEventLoop loop, VirtualDatagramSocket socket, IDatagramProtocol protocol, IPEndPoint? remote, LoopFuture<bool> waiter)
    {
        _loop = loop;
        _socket = socket;
        _protocol = protocol;
        _remote = remote;
        _extra = new Dictionary<string, object?>(StringComparer.Ordinal) { ["sockname"] = socket.LocalEndPoint, ["peername"] = remote, ["socket"] = socket };
        _loop.CallSoon(static s => ((VirtualDatagramTransport)s!).OnConnectionMade(), this);
        _loop.CallSoon(static s => _ = ((VirtualDatagramTransport)s!).ReceiveLoopAsync(), this);
        _loop.CallSoon(static s => ((LoopFuture<bool>)s!).TrySetResult(true), waiter);
    }

    /// <inheritdoc/>
    public bool IsClosing => _closing;

    /// <inheritdoc/>
    public IBaseProtocol Protocol
    {
        get => _protocol;
        set => _protocol = value as IDatagramProtocol ?? throw new ArgumentException("A datagram transport needs an IDatagramProtocol.", nameof(value));
    }

    /// <inheritdoc/>
    public object? GetExtraInfo(string name, object? defaultValue = null) => _extra.TryGetValue(name, out object? value) ? value : defaultValue;

    /// <inheritdoc/>
    public void SendTo(ReadOnlySpan<byte> data, EndPoint? address = null)
    {
        if (_closing)
        {
            return;
        }

        IPEndPoint destination = address switch
        {
            null => _remote ?? throw new ArgumentException("The transport has no default remote address: pass one.", nameof(address)),
            IPEndPoint ip when _remote is null || ip.Equals(_remote) => ip,
            IPEndPoint ip => throw new ArgumentException($"The transport is connected to {_remote}; it cannot send to {ip}.", nameof(address)),
            _ => throw new ArgumentException($"Only IPEndPoint addresses are supported, not {address.GetType().Name}.", nameof(address)),
        };
        ValueTask<int> sent = _socket.SendToAsync(data.ToArray(), destination);
        if (sent.IsCompleted)
        {
            ReportSendError(sent);
        }
        else
        {
            _ = ObserveSendAsync(sent);
        }
    }

    /// <inheritdoc/>
    public void Close() => Abort();

    /// <inheritdoc/>
    public void Abort()
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        _loop.CallSoon(static s => ((VirtualDatagramTransport)s!).CallConnectionLost(null), this);
    }

    private void OnConnectionMade()
    {
        if (!_connectionLost)
        {
            _protocol.ConnectionMade(this);
        }
    }

    private void ReportSendError(ValueTask<int> sent)
    {
        try
        {
            sent.GetAwaiter().GetResult();
        }
        catch (SocketException ex)
        {
            _loop.CallSoon(static s =>
            {
                var (transport, error) = ((VirtualDatagramTransport, SocketException))s!;
                transport._protocol.ErrorReceived(error);
            }, (this, ex));
        }
    }

    private async Task ObserveSendAsync(ValueTask<int> sent)
    {
        try
        {
            await sent.ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            _protocol.ErrorReceived(ex);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        while (!_closing)
        {
            VirtualDatagram datagram;
            try
            {
                datagram = await _socket.ReceiveFromAsync().ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is not (SocketError.OperationAborted or SocketError.NetworkDown))
            {
                try
                {
                    _protocol.ErrorReceived(ex);
                }
                catch (Exception error) when (error is not LoopTerminatingException)
                {
                    _loop.CallExceptionHandler(new ExceptionContext("Exception in protocol.error_received()", error) { Source = this });
                }

                continue;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (!_closing)
                {
                    _closing = true;
                    CallConnectionLost(ex);
                }

                return;
            }

            if (!_closing)
            {
                try
                {
                    _protocol.DatagramReceived(datagram.Data.Span, datagram.RemoteEndPoint);
                }
                catch (Exception ex) when (ex is not LoopTerminatingException)
                {
                    // asyncio: the exception reaches the loop's exception handler; the transport stays open.
                    _loop.CallExceptionHandler(new ExceptionContext("Exception in protocol.datagram_received()", ex) { Source = this });
                }
            }
        }
    }

    private void CallConnectionLost(Exception? exception)
    {
        if (_connectionLost)
        {
            return;
        }

        _connectionLost = true;
        _socket.Dispose();
        _protocol.ConnectionLost(exception);
    }
}
