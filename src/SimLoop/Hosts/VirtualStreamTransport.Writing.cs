using System.Net.Sockets;
using SimLoop.Transports;

namespace SimLoop.Hosts;

/// <summary>The write half: a buffer that never blocks the caller, water marks, half-close.</summary>
internal sealed partial class VirtualStreamTransport
{
    private const int DefaultHighWater = 64 * 1024;

    private readonly Queue<byte[]> _writeBuffer = new();
    private int _writeBufferSize;
    private int _highWater;
    private int _lowWater;
    private bool _writingPaused;
    private bool _sending;
    private bool _eofRequested;
    private bool _eofSent;

    /// <inheritdoc/>
    public int WriteBufferSize => _writeBufferSize;

    /// <inheritdoc/>
    public (int Low, int High) WriteBufferLimits => (_lowWater, _highWater);

    /// <inheritdoc/>
    public bool CanWriteEof => true;

    /// <inheritdoc/>
    public void SetWriteBufferLimits(int? high = null, int? low = null)
    {
        int newHigh = high ?? (low is { } l ? 4 * l : DefaultHighWater);
        int newLow = low ?? newHigh / 4;
        if (newHigh < newLow || newLow < 0)
        {
            throw new ArgumentOutOfRangeException(high is null ? nameof(low) : nameof(high), $"The write buffer limits must satisfy high ({newHigh}) >= low ({newLow}) >= 0.");
        }

        (_highWater, _lowWater) = (newHigh, newLow);
        MaybePauseProtocol();
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (_eofRequested)
        {
            throw new InvalidOperationException("Cannot call Write after WriteEof.");
        }

        if (data.IsEmpty || _connectionLost || _closing && _writeBuffer.Count == 0 && !_sending)
        {
            return;
        }

        if (!_sending && _writeBuffer.Count == 0 && _stream.TryWriteAll(data))
        {
            return; // the stream's send buffer took it all, as the send loop's first write would have: no copy, no queue
        }

        _writeBuffer.Enqueue(data.ToArray());
        _writeBufferSize += data.Length;
        if (!_sending)
        {
            _ = SendLoopAsync();
        }

        MaybePauseProtocol();
    }

    /// <inheritdoc/>
    public void WriteEof()
    {
        if (_closing || _eofRequested)
        {
            return;
        }

        _eofRequested = true;
        if (!_sending)
        {
            ShutdownWriteNow();
        }
    }

    private void MaybePauseProtocol()
    {
        if (!_writingPaused && _writeBufferSize > _highWater)
        {
            _writingPaused = true;
            try
            {
                _protocol.PauseWriting();
            }
            catch (Exception ex) when (ex is not LoopTerminatingException)
            {
                ReportFlowControlError(ex, "protocol.pause_writing()");
            }
        }
    }

    private void MaybeResumeProtocol()
    {
        if (_writingPaused && _writeBufferSize <= _lowWater)
        {
            _writingPaused = false;
            try
            {
                _protocol.ResumeWriting();
            }
            catch (Exception ex) when (ex is not LoopTerminatingException)
            {
                ReportFlowControlError(ex, "protocol.resume_writing()");
            }
        }
    }

    /// <summary>Sends the buffer in order; runs inline until a write has to wait, then in network callbacks.</summary>
    private async Task SendLoopAsync()
    {
        _sending = true;
        try
        {
            while (_writeBuffer.TryPeek(out byte[]? chunk))
            {
                await _stream.WriteAsync(chunk).ConfigureAwait(false);
                if (_connectionLost || !_writeBuffer.TryDequeue(out _))
                {
                    return;
                }

                _writeBufferSize -= chunk.Length;
                MaybeResumeProtocol();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _sending = false;
            ForceClose(ex.InnerException as SocketException ?? (Exception)ex, reset: false);
            return;
        }

        _sending = false;
        if (_eofRequested && !_eofSent)
        {
            ShutdownWriteNow();
        }

        if (_closing)
        {
            _loop.CallSoon(static s => ((VirtualStreamTransport)s!).CallConnectionLost(null), this);
        }
    }

    private void ShutdownWriteNow()
    {
        _eofSent = true;
        try
        {
            _stream.ShutdownWrite();
        }
        catch (IOException ex)
        {
            ForceClose(ex.InnerException as SocketException ?? (Exception)ex, reset: false);
        }
    }
}
