using System.IO.Abstractions;
using System.Runtime.CompilerServices;
using System.Text;

namespace SimLoop.Storage.FileSystem;

internal sealed partial class SimulatedFile
{
    public byte[] ReadAllBytes(string path)
    {
        using FileSystemStream stream = OpenRead(path);
        byte[] contents = new byte[stream.Length];
        stream.ReadExactly(contents);
        return contents;
    }

    public async Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        using FileSystemStream stream = Streams.Open(path, FileMode.Open, FileAccess.Read, isAsync: true);
        byte[] contents = new byte[stream.Length];
        int done = 0;
        while (done < contents.Length)
        {
            int read = await stream.ReadAsync(contents.AsMemory(done), cancellationToken);
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        return done == contents.Length ? contents : contents[..done];
    }

    public string ReadAllText(string path) => Decode(ReadAllBytes(path), null);

    public string ReadAllText(string path, Encoding encoding) => Decode(ReadAllBytes(path), encoding);

    public async Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken = default) =>
        Decode(await ReadAllBytesAsync(path, cancellationToken), null);

    public async Task<string> ReadAllTextAsync(string path, Encoding encoding, CancellationToken cancellationToken = default) =>
        Decode(await ReadAllBytesAsync(path, cancellationToken), encoding);

    public string[] ReadAllLines(string path) => SplitLines(ReadAllText(path)).ToArray();

    public string[] ReadAllLines(string path, Encoding encoding) => SplitLines(ReadAllText(path, encoding)).ToArray();

    public async Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellationToken = default) =>
        SplitLines(await ReadAllTextAsync(path, cancellationToken)).ToArray();

    public async Task<string[]> ReadAllLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default) =>
        SplitLines(await ReadAllTextAsync(path, encoding, cancellationToken)).ToArray();

    public IEnumerable<string> ReadLines(string path) => ReadLines(path, Encoding.UTF8);

    public IEnumerable<string> ReadLines(string path, Encoding encoding)
    {
        FileSystemStream stream = OpenRead(path);
        return ReadLinesLazily(stream, encoding);
    }

    public IAsyncEnumerable<string> ReadLinesAsync(string path, CancellationToken cancellationToken = default) =>
        ReadLinesAsync(path, Encoding.UTF8, cancellationToken);

    public async IAsyncEnumerable<string> ReadLinesAsync(string path, Encoding encoding, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (string line in SplitLines(await ReadAllTextAsync(path, encoding, cancellationToken)))
        {
            yield return line;
        }
    }

    public void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        WriteAllBytes(path, bytes.AsSpan());
    }

    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => Put(path, FileMode.Create, bytes);

    public Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return PutAsync(path, FileMode.Create, bytes, cancellationToken);
    }

    public Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Create, bytes, cancellationToken);

    public void WriteAllText(string path, string? contents) => Put(path, FileMode.Create, Encode(contents, null));

    public void WriteAllText(string path, string? contents, Encoding encoding) => Put(path, FileMode.Create, Encode(contents, encoding));

    public void WriteAllText(string path, ReadOnlySpan<char> contents) => Put(path, FileMode.Create, Encode(contents.ToString(), null));

    public void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => Put(path, FileMode.Create, Encode(contents.ToString(), encoding));

    public Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Create, Encode(contents, null), cancellationToken);

    public Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Create, Encode(contents, encoding), cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Create, Encode(contents.ToString(), null), cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Create, Encode(contents.ToString(), encoding), cancellationToken);

    public void WriteAllLines(string path, string[] contents) => WriteAllText(path, JoinLines(contents));

    public void WriteAllLines(string path, IEnumerable<string> contents) => WriteAllText(path, JoinLines(contents));

    public void WriteAllLines(string path, string[] contents, Encoding encoding) => WriteAllText(path, JoinLines(contents), encoding);

    public void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteAllText(path, JoinLines(contents), encoding);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, JoinLines(contents), cancellationToken);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, JoinLines(contents), encoding, cancellationToken);

    public void AppendAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Put(path, FileMode.Append, bytes);
    }

    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes) => Put(path, FileMode.Append, bytes);

    public Task AppendAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return PutAsync(path, FileMode.Append, bytes, cancellationToken);
    }

    public Task AppendAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Append, bytes, cancellationToken);

    public void AppendAllText(string path, string? contents) => Put(path, FileMode.Append, Encode(contents, null));

    public void AppendAllText(string path, string? contents, Encoding encoding) => Put(path, FileMode.Append, Encode(contents, encoding, preamble: false));

    public void AppendAllText(string path, ReadOnlySpan<char> contents) => Put(path, FileMode.Append, Encode(contents.ToString(), null));

    public void AppendAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => Put(path, FileMode.Append, Encode(contents.ToString(), encoding, preamble: false));

    public Task AppendAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Append, Encode(contents, null), cancellationToken);

    public Task AppendAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Append, Encode(contents, encoding, preamble: false), cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Append, Encode(contents.ToString(), null), cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        PutAsync(path, FileMode.Append, Encode(contents.ToString(), encoding, preamble: false), cancellationToken);

    public void AppendAllLines(string path, IEnumerable<string> contents) => AppendAllText(path, JoinLines(contents));

    public void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding) => AppendAllText(path, JoinLines(contents), encoding);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, JoinLines(contents), cancellationToken);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, JoinLines(contents), encoding, cancellationToken);

    private void Put(string path, FileMode mode, ReadOnlySpan<byte> bytes)
    {
        using FileSystemStream stream = Streams.Open(path, mode, FileAccess.Write, isAsync: false);
        stream.Write(bytes);
    }

    private async Task PutAsync(string path, FileMode mode, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using FileSystemStream stream = Streams.Open(path, mode, FileAccess.Write, isAsync: true);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    private static byte[] Encode(string? contents, Encoding? encoding, bool preamble = true)
    {
        Encoding actual = encoding ?? s_utf8NoBom;
        byte[] body = actual.GetBytes(contents ?? "");
        byte[] bom = preamble && encoding is not null ? actual.GetPreamble() : [];
        return bom.Length == 0 ? body : [.. bom, .. body];
    }

    private static string Decode(byte[] bytes, Encoding? encoding)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string JoinLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder();
        foreach (string line in lines)
        {
            text.Append(line).Append(Environment.NewLine);
        }

        return text.ToString();
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static IEnumerable<string> ReadLinesLazily(Stream stream, Encoding encoding)
    {
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
