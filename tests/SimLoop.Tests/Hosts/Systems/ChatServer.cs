using Shouldly;
using System.Text;

namespace SimLoop.Tests.Hosts.Systems;

/// <summary>
/// A line-based chat room written against plain <see cref="Stream"/>: <c>NICK name</c> joins; once
/// <see cref="RoomSize"/> members joined every member gets <c>START</c>; <c>MSG text</c> sends <c>name: text</c> to
/// every other member; <c>QUIT</c> answers <c>BYE</c> and ends the session.
/// </summary>
internal sealed class ChatServer(int roomSize)
{
    private readonly List<Member> _members = [];

    public int RoomSize { get; } = roomSize;

    public async Task HandleAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        var member = new Member(stream);
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("NICK ", StringComparison.Ordinal))
                {
                    member.Name = line[5..];
                    _members.Add(member);
                    if (_members.Count == RoomSize)
                    {
                        foreach (Member m in _members.ToArray())
                        {
                            await m.SendAsync("START", cancellationToken);
                        }
                    }
                }
                else if (line.StartsWith("MSG ", StringComparison.Ordinal))
                {
                    foreach (Member other in _members.ToArray())
                    {
                        if (other != member)
                        {
                            await other.SendAsync($"{member.Name}: {line[4..]}", cancellationToken);
                        }
                    }
                }
                else if (line == "QUIT")
                {
                    await member.SendAsync("BYE", cancellationToken);
                    return;
                }
            }
        }
        finally
        {
            _members.Remove(member);
        }
    }

    /// <summary>Joins as <paramref name="name"/>, waits for START, says each message, collects what the others said.</summary>
    public static async Task<List<string>> RunClientAsync(Stream stream, string name, IReadOnlyList<string> messages, int expected, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
        await writer.WriteLineAsync($"NICK {name}".AsMemory(), cancellationToken);
        (await reader.ReadLineAsync(cancellationToken)).ShouldBe("START");
        foreach (string message in messages)
        {
            await writer.WriteLineAsync($"MSG {message}".AsMemory(), cancellationToken);
        }

        var heard = new List<string>();
        while (heard.Count < expected)
        {
            heard.Add(await reader.ReadLineAsync(cancellationToken) ?? throw new IOException($"{name}: the server closed the connection after {heard.Count} of {expected} messages."));
        }

        await writer.WriteLineAsync("QUIT".AsMemory(), cancellationToken);
        (await reader.ReadLineAsync(cancellationToken)).ShouldBe("BYE");
        return heard;
    }

    private sealed class Member(Stream stream)
    {
        private readonly SemaphoreSlim _sending = new(1);

        public string Name { get; set; } = "";

        public async Task SendAsync(string line, CancellationToken cancellationToken)
        {
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // That member left meanwhile.
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
