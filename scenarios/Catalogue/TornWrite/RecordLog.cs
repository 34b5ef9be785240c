using System.Buffers.Binary;
using System.IO.Abstractions;
using System.Text;
using SimLoop.Hosts;
using SimLoop.Storage;

namespace SimLoop.Scenarios.Catalogue.TornWrite;

/// <summary>
/// An append-only record log on its host's disk. The first boot appends records, fsyncing every few; every later
/// boot recovers the records and appends a marker record. Buggy recovery trusts each record's length and takes what
/// the read returned: a record torn by the crash comes back as a shorter (or empty) record, and the marker lands
/// after the torn bytes. Fixed recovery checks each record's checksum and truncates the log at the first bad one.
/// </summary>
internal sealed class RecordLog(bool checksummed, Random random)
{
    public const string Host = "log";
    public const string Directory = "/log";
    public const string LogPath = "/log/records";
    public const string Marker = "after-restart";
    private const int FsyncEvery = 4;

    /// <summary>The payloads of the records boot 1 appended, in order.</summary>
    public List<string> Written { get; } = new();

    /// <summary>What the last recovery read, or null before one ran.</summary>
    public List<string>? Recovered { get; private set; }

    /// <summary>What a second read of the log gave after the marker was appended, or null.</summary>
    public List<string>? AfterMarker { get; private set; }

    public async Task StartAsync(SimulatedHost host, CancellationToken ct)
    {
        IFileSystem fs = host.FileSystem();
        if (host.BootCount == 1)
        {
            fs.Directory.CreateDirectory(Directory);
            await using (FileSystemStream created = fs.FileStream.New(LogPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, useAsync: true))
            {
                await created.FlushAsync(ct);
            }

            fs.SyncDirectory(Directory);
            await AppendForeverAsync(host, fs, ct);
            return;
        }

        Recovered = await RecoverAsync(fs, ct);
        await using (FileSystemStream log = fs.FileStream.New(LogPath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true))
        {
            await log.WriteAsync(RecordFraming.Frame(Marker, checksummed), ct);
            await log.FlushAsync(ct);
        }

        AfterMarker = await ReadRecordsAsync(fs, truncateTornTail: false, ct);
    }

    private async Task AppendForeverAsync(SimulatedHost host, IFileSystem fs, CancellationToken ct)
    {
        await using FileSystemStream log = fs.FileStream.New(LogPath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        for (int i = 0; ; i++)
        {
            string payload = $"record-{i}:" + new string((char)('a' + i % 26), random.Next(40, 300));
            Written.Add(payload);
            await log.WriteAsync(RecordFraming.Frame(payload, checksummed), ct);
            if (i % FsyncEvery == FsyncEvery - 1)
            {
                await log.FlushAsync(ct);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), host.Loop.TimeProvider, ct);
        }
    }

    private Task<List<string>> RecoverAsync(IFileSystem fs, CancellationToken ct) => ReadRecordsAsync(fs, truncateTornTail: checksummed, ct);

    private async Task<List<string>> ReadRecordsAsync(IFileSystem fs, bool truncateTornTail, CancellationToken ct)
    {
        var records = new List<string>();
        await using FileSystemStream log = fs.FileStream.New(LogPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 4096, useAsync: true);
        byte[] header = new byte[RecordFraming.HeaderSize(checksummed)];
        while (true)
        {
            long start = log.Position;
            int got = await log.ReadAsync(header, ct);
            if (got == 0)
            {
                return records;
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (!checksummed)
            {
                // The bug: the length is trusted and whatever the read returns is taken as the record.
                byte[] body = new byte[Math.Clamp(length, 0, RecordFraming.MaxPayload)];
                int read = await log.ReadAsync(body, ct);
                records.Add(Encoding.UTF8.GetString(body, 0, read));
                continue;
            }

            byte[] payload = got == header.Length && length is >= 0 and <= RecordFraming.MaxPayload ? new byte[length] : [];
            int payloadRead = payload.Length == 0 ? 0 : await ReadFullyAsync(log, payload, ct);
            bool whole = got == header.Length && payload.Length == length && payloadRead == length
                && BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)) == RecordFraming.Checksum(length, payload);
            if (!whole)
            {
                if (truncateTornTail)
                {
                    log.SetLength(start);
                    await log.FlushAsync(ct);
                }

                return records;
            }

            records.Add(Encoding.UTF8.GetString(payload));
        }
    }

    private static async Task<int> ReadFullyAsync(FileSystemStream stream, byte[] buffer, CancellationToken ct)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(done), ct);
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        return done;
    }
}
