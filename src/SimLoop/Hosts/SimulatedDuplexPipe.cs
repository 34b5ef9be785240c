using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using SimLoop.Networking;

namespace SimLoop.Hosts;

/// <summary>
/// An <see cref="IDuplexPipe"/> over a simulated connection, like a socket transport of Kestrel: one host task
/// copies received bytes into <see cref="Input"/>, another sends what is written to <see cref="Output"/>. Both pipes
/// are scheduled on the loop (<see cref="LoopPipeScheduler"/>), so ordinary <see cref="PipeReader"/> code runs
/// unchanged and deterministically. Completing <see cref="Output"/>'s writer half-closes the connection; when the
/// connection fails, <see cref="Input"/>'s reader sees the <see cref="IOException"/>.
/// </summary>
[DebuggerDisplay("SimulatedDuplexPipe {_stream}")]
public sealed class SimulatedDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private LoopTask? _receiving;
    private LoopTask? _sending;

    internal SimulatedDuplexPipe(BaseEventLoop loop, Stream stream)
    {
        _stream = stream;
        var scheduler = new LoopPipeScheduler(loop);

        // useSynchronizationContext: an await on the reader or writer from a loop task resumes as a step of that task
        // (its synchronization context); continuations with no context (ConfigureAwait(false), loop callbacks) go to
        // the loop scheduler. Never the thread pool.
        var options = new PipeOptions(readerScheduler: scheduler, writerScheduler: scheduler, useSynchronizationContext: true);
        _input = new Pipe(options);
        _output = new Pipe(options);
    }

    /// <summary>What the peer sent.</summary>
    public PipeReader Input => _input.Reader;

    /// <summary>What to send to the peer.</summary>
    public PipeWriter Output => _output.Writer;

    /// <summary>The connection under the pipe.</summary>
    public Stream Stream => _stream;

    /// <summary>Completes both pipes, waits for the pumps, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _output.Writer.CompleteAsync();
        await _input.Reader.CompleteAsync();
        if (_sending is { } sending)
        {
            await sending;
        }

        if (_receiving is { IsDone: false } receiving)
        {
            receiving.Cancel();
        }

        await _stream.DisposeAsync();
    }

    internal void Start(SimulatedHost host)
    {
        _receiving = host.Spawn(ReceiveAsync, "pipe receive");
        _sending = host.Spawn(SendAsync, "pipe send");
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        PipeWriter writer = _input.Writer;
        Exception? error = null;
        try
        {
            while (true)
            {
                Memory<byte> memory = writer.GetMemory(4096);
                int read = await _stream.ReadAsync(memory, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                writer.Advance(read);
                FlushResult flushed = await writer.FlushAsync(cancellationToken);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            error = ex;
        }

        await writer.CompleteAsync(error);
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        PipeReader reader = _output.Reader;
        Exception? error = null;
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(cancellationToken);
                ReadOnlySequence<byte> buffer = result.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    await _stream.WriteAsync(segment, cancellationToken);
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            if (_stream is VirtualStream virtualStream && virtualStream.CanWrite)
            {
                virtualStream.ShutdownWrite();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            error = ex;
        }

        await reader.CompleteAsync(error);
    }
}
