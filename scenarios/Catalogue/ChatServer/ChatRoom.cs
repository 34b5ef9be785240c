using SimLoop.Hosts;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.ChatServer;

/// <summary>
/// A chat server: every line a client sends is broadcast to every connected client. Buggy: the broadcast walks the
/// live member list and lets a write error escape, so a member leaving mid-broadcast ("Collection was modified", or
/// a reset connection) ends the sender's session and the others miss the message. Fixed: it walks a snapshot and
/// drops a member whose write fails.
/// </summary>
internal sealed class ChatRoom(TimeProvider time, bool isolateFailures)
{
    public const string Host = "chat";
    public const int Port = 6667;
    private static readonly TimeSpan s_perClientWrite = TimeSpan.FromMilliseconds(1);

    private readonly List<LineStream> _members = new();

    public void Start(SimulatedHost host) => host.ServeLines(Port, SessionAsync);

    private async Task SessionAsync(LineStream member, CancellationToken ct)
    {
        _members.Add(member);
        try
        {
            while (await member.ReadLineAsync(ct) is { } line)
            {
                await BroadcastAsync(line, ct);
            }
        }
        catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex))
        {
            // The member left (reset).
        }
        finally
        {
            _members.Remove(member);
        }
    }

    private async Task BroadcastAsync(string line, CancellationToken ct)
    {
        IEnumerable<LineStream> recipients = isolateFailures ? _members.ToArray() : _members;
        foreach (LineStream recipient in recipients)
        {
            // Formatting and compressing per recipient takes a moment; other sessions run meanwhile.
            await Task.Delay(s_perClientWrite, time, ct);
            if (!isolateFailures)
            {
                await recipient.WriteLineAsync(line, ct);
                continue;
            }

            try
            {
                await recipient.WriteLineAsync(line, ct);
            }
            catch (Exception ex) when (ConnectionErrors.IsConnectionFailure(ex) && ex is not OperationCanceledException)
            {
                _members.Remove(recipient);
            }
        }
    }
}
