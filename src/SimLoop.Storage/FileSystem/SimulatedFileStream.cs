using System.IO.Abstractions;
using SimLoop.Storage.Model;

namespace SimLoop.Storage.FileSystem;

/// <summary>
/// A stream over one simulated file. Synchronous members act at once (no latency); <c>ReadAsync</c>, <c>WriteAsync</c>
/// and <c>FlushAsync</c> act at the call and complete after the disk's latency, from a loop callback. <c>Flush()</c>
/// and <c>Flush(false)</c> only empty the (absent) user buffer; <c>Flush(true)</c> and <c>FlushAsync</c> are fsync.
/// A stream opened before its host crashed fails every operation with EIO.
/// </summary>
internal sealed class SimulatedFileStream : FileSystemStream
{
    private readonly SimulatedDisk _disk;
    private readonly FileNode _node;
    private readonly string _path;
    private readonly int _generation;
    private readonly bool _canRead;
    private readonly bool _canWrite;
    private readonly bool _append;
    private long _position;
    private long _appendFloor;
    private bool _disposed;

    public SimulatedFileStream(SimulatedDisk disk, FileNode node, string path, FileAccess access, bool append, bool isAsync)
        : base(Null, path, isAsync)
    {
        _disk = disk;
        _node = node;
        _path = path;
        _generation = disk.Generation;
        _canRead = access.HasFlag(FileAccess.Read);
        _canWrite = access.HasFlag(FileAccess.Write);
        _append = append;
        if (append)
        {
            _position = node.Cached.Length;
            _appendFloor = _position;
        }
    }

    public override bool CanRead => !_disposed && _canRead;

    public override bool CanWrite => !_disposed && _canWrite;

    public override bool CanSeek => !_disposed;

    public override bool CanTimeout => false;

    public override long Length
    {
        get
        {
            ThrowIfUnusable();
            return _node.Cached.Length;
        }
    }

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfUnusable();
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _node.Cached.Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Use SeekOrigin.Begin, Current or End."),
        };
        if (target < 0 || (_append && target < _appendFloor))
        {
            throw new IOException($"An attempt was made to move the position before the {(target < 0 ? "beginning of the stream" : "data opened for appending")}.", 22);
        }

        _position = target;
        return target;
    }

    public override void SetLength(long value)
    {
        ThrowIfUnusable();
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        RequireWrite();
        _disk.SetLength(_node, _path, value);
        _position = Math.Min(_position, value);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfUnusable();
        RequireRead();
        int read = _disk.Read(_node, _path, _position, buffer);
        _position += read;
        return read;
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfUnusable();
        RequireWrite();
        _disk.Write(_node, _path, _position, buffer);
        _position += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(_disk.CompleteLater(_path, _disk.Options.ReadLatency, cancellationToken, () => Read(buffer.Span)));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(_disk.CompleteLater(_path, _disk.Options.WriteLatency, cancellationToken, () =>
        {
            Write(buffer.Span);
            return true;
        }));

    /// <summary>Empties the user buffer (there is none): makes nothing durable.</summary>
    public override void Flush() => ThrowIfUnusable();

    /// <summary><paramref name="flushToDisk"/> true is fsync: this file's data and length become durable (not its directory entry).</summary>
    public override void Flush(bool flushToDisk)
    {
        ThrowIfUnusable();
        if (flushToDisk && _canWrite)
        {
            _disk.Sync(_node, _path);
        }
    }

    /// <summary>fsync, completing after the disk's sync latency (a <c>FileStream</c>'s <c>FlushAsync</c> is documented here as durable).</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _disk.CompleteLater(_path, _disk.Options.SyncLatency, cancellationToken, () =>
        {
            Flush(flushToDisk: true);
            return true;
        });

    public override void CopyTo(Stream destination, int bufferSize)
    {
        ArgumentNullException.ThrowIfNull(destination);
        byte[] buffer = new byte[Math.Max(1, bufferSize)];
        int read;
        while ((read = Read(buffer, 0, buffer.Length)) > 0)
        {
            destination.Write(buffer, 0, read);
        }
    }

    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        byte[] buffer = new byte[Math.Max(1, bufferSize)];
        int read;
        while ((read = await ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    public override IAsyncResult BeginRead(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
        throw StorageErrors.Unsupported("FileSystemStream.BeginRead (APM)");

    public override IAsyncResult BeginWrite(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
        throw StorageErrors.Unsupported("FileSystemStream.BeginWrite (APM)");

    public override int EndRead(IAsyncResult asyncResult) => throw StorageErrors.Unsupported("FileSystemStream.EndRead (APM)");

    public override void EndWrite(IAsyncResult asyncResult) => throw StorageErrors.Unsupported("FileSystemStream.EndWrite (APM)");

    public override string ToString() => _path;

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _disk.ThrowIfDown(_path);
        if (_generation != _disk.Generation)
        {
            throw StorageErrors.Eio(_path, "the stream was opened before the host crashed");
        }
    }

    private void RequireRead()
    {
        if (!_canRead)
        {
            throw new NotSupportedException($"The stream on '{_path}' was not opened for reading: open it with FileAccess.Read or ReadWrite.");
        }
    }

    private void RequireWrite()
    {
        if (!_canWrite)
        {
            throw new NotSupportedException($"The stream on '{_path}' was not opened for writing: open it with FileAccess.Write or ReadWrite.");
        }
    }
}
