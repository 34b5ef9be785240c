using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using SimLoop.Hosts;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// System.IO.Pipelines with default options on a simulated connection: the server reads with
/// <c>PipeReader.Create(stream)</c>, copies into a <c>new Pipe()</c> (default <see cref="PipeOptions"/>: the thread-pool
/// scheduler) and parses lines from it; replies go out through <c>PipeWriter.Create(stream)</c>. The client writes and
/// reads with the same stream adapters. Nothing here hops: the stream adapters complete on the caller's thread and
/// the default pipe posts its continuations to the loop task's synchronization context, so this runs as is.
/// </summary>
internal static class PipelinesCase
{
    public const int Port = 7100;

    public static RealLibraryCase Case { get; } = new(
        "pipelines",
        RunAsync,
        "replies=[HELLO,PIPELINES,ON,THE,LOOP] lines=5",
        HopsThroughThePool: false);

    private static async Task<string> RunAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        int lines = 0;
        loop.AddHost("upper", async (host, _) => await (await host.StartServerAsync(async (stream, ct) => lines += await ServeAsync(stream, ct), Port)).WaitClosedAsync());
        SimulatedHost client = loop.AddHost("client");
        return await client.Spawn(async ct =>
        {
            await using Stream stream = await client.OpenConnectionAsync("upper", Port, ct);
            PipeWriter writer = PipeWriter.Create(stream);
            PipeReader reader = PipeReader.Create(stream);
            string[] words = ["hello", "pipelines", "on", "the", "loop"];
            foreach (string word in words)
            {
                await writer.WriteAsync(Encoding.ASCII.GetBytes(word + "\n"), ct);
            }

            var replies = new List<string>();
            while (replies.Count < words.Length)
            {
                ReadResult read = await reader.ReadAsync(ct);
                ReadOnlySequence<byte> buffer = read.Buffer;
                while (TryReadLine(ref buffer, out string? line))
                {
                    replies.Add(line);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            await writer.CompleteAsync();
            await reader.CompleteAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(10), loop.TimeProvider, ct); // the server sees the end and counts
            return string.Create(CultureInfo.InvariantCulture, $"replies=[{string.Join(",", replies)}] lines={lines}");
        }, "client");
    }

    private static async Task<int> ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        PipeReader input = PipeReader.Create(stream);
        PipeWriter output = PipeWriter.Create(stream);
        var pipe = new Pipe();
        Task fill = FillAsync(input, pipe.Writer, cancellationToken);
        int lines = 0;
        while (true)
        {
            ReadResult read = await pipe.Reader.ReadAsync(cancellationToken);
            ReadOnlySequence<byte> buffer = read.Buffer;
            while (TryReadLine(ref buffer, out string? line))
            {
                lines++;
                await output.WriteAsync(Encoding.ASCII.GetBytes(line.ToUpperInvariant() + "\n"), cancellationToken);
            }

            pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await pipe.Reader.CompleteAsync();
        await fill;
        await output.CompleteAsync();
        return lines;
    }

    private static async Task FillAsync(PipeReader input, PipeWriter into, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult read = await input.ReadAsync(cancellationToken);
            foreach (ReadOnlyMemory<byte> segment in read.Buffer)
            {
                await into.WriteAsync(segment, cancellationToken);
            }

            input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await input.CompleteAsync();
        await into.CompleteAsync();
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = null;
            return false;
        }

        line = Encoding.ASCII.GetString(buffer.Slice(0, end));
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }
}
