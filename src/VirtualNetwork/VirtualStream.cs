using System.Net;

namespace SimLoop.Networking;

/// <summary>
/// One end of a simulated stream connection, with <c>NetworkStream</c> semantics: asynchronous reads and writes,
/// errors as <see cref="IOException"/> wrapping a <see cref="System.Net.Sockets.SocketException"/>, half-close with
/// <see cref="ShutdownWrite"/>, and reset with <see cref="Abort"/>.
/// </summary>
/// <remarks>
/// Synchronous <c>Read</c> and <c>Write</c> throw <see cref="NotSupportedException"/>: they would block the simulation's
/// only thread. One read and one write may be pending at a time.
/// </remarks>
public sealed partial class VirtualStream : Stream
{
    private static readonly System.Text.CompositeFormat s_synchronousCallMessage = System.Text.CompositeFormat.Parse(
        "A synchronous {0} would block the simulation loop: use {0}Async on a simulated network stream.");

    private readonly VirtualNetwork _network;
    private readonly int _generation;
    private bool _disposed;

    internal VirtualStream(VirtualNetwork network, VirtualHost host, IPEndPoint localEndPoint, IPEndPoint remoteEndPoint)
    {
        this._network = network;
        Host = host;
        _generation = host.Generation;
        LocalEndPoint = localEndPoint;
        RemoteEndPoint = remoteEndPoint;
        Label = $"{localEndPoint.Port}->{remoteEndPoint.Port}";
        host.AddStream(this);
    }

    /// <summary>This end's address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The other end's address and port.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <inheritdoc/>
    public override bool CanRead => !_disposed;

    /// <inheritdoc/>
    public override bool CanWrite => !_disposed;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException("A network stream has no length.");

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException("A network stream has no position.");
        set => throw new NotSupportedException("A network stream has no position.");
    }

    internal VirtualHost Host { get; }

    /// <summary>Local and remote ports, for the trace.</summary>
    internal string Label { get; }

    /// <summary>The other end, once known.</summary>
    internal VirtualStream? Peer { get; set; }

    private bool IsStale => _generation != Host.Generation;

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw SynchronousCall("Read");

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer) => throw SynchronousCall("Read");

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw SynchronousCall("Write");

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer) => throw SynchronousCall("Write");

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>Does nothing: written bytes are sent as soon as the window allows.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A network stream cannot seek.");

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("A network stream has no length.");

    /// <inheritdoc/>
    public override string ToString() => $"{Host.Name} {LocalEndPoint}->{RemoteEndPoint}";

    private static NotSupportedException SynchronousCall(string operation) =>
        new(string.Format(System.Globalization.CultureInfo.InvariantCulture, s_synchronousCallMessage, operation));
}
