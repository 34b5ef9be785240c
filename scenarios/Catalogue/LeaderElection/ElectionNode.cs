using System.Globalization;
using System.Net;
using System.Text;
using SimLoop.Hosts;
using SimLoop.Networking;

namespace SimLoop.Scenarios.Catalogue.LeaderElection;

/// <summary>
/// A Raft-style election over datagrams: a follower that hears no heartbeat before its randomised timeout becomes a
/// candidate for the next term and asks the others for votes; a majority makes it leader, which sends heartbeats.
/// Buggy: a node grants every request for the current term, forgetting whom it already voted for in that term.
/// </summary>
internal sealed class ElectionNode(string name, ScenarioContext ctx, ElectionLog log, IReadOnlyList<string> cluster, bool checkVotedFor)
{
    public const int Port = 9000;
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromMilliseconds(50);

    // Each node's election timeout is 150 ms plus 10 ms per place in the cluster plus a random 0-50 ms: with the
    // random part at its simplest (0) the nodes time out one after another and the first always wins, so two
    // leaders in one term need two timeouts drawn close together.
    private static readonly TimeSpan s_timeoutBase = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan s_timeoutStagger = TimeSpan.FromMilliseconds(10);
    private const int TimeoutSpreadMilliseconds = 50;

    private readonly HashSet<string> _votes = new(StringComparer.Ordinal);
    private VirtualDatagramSocket? _socket;
    private long _deadlineTicks;

    public string Name => name;

    public int Term { get; private set; }

    public bool IsLeader { get; private set; }

    private string? VotedFor { get; set; }

    private bool IsCandidate { get; set; }

    /// <summary>Binds the node's datagram port on <paramref name="host"/> and runs its timer and receiver as host tasks.</summary>
    public void Start(SimulatedHost host)
    {
        _socket = ctx.Network.Bind(host.Name, Port);
        ResetElectionTimer();
        _ = host.Spawn(TimerLoopAsync, "timer");
        _ = host.Spawn(ReceiveLoopAsync, "receive");
    }

    private async Task TimerLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (IsLeader)
            {
                await BroadcastAsync($"BEAT {Term} {name}", ct);
                await Task.Delay(s_heartbeat, ctx.Time, ct);
                continue;
            }

            long wait = _deadlineTicks - ctx.Loop.NowTicks;
            if (wait > 0)
            {
                // Task.Delay on a TimeProvider counts whole milliseconds: round up, or a sub-millisecond wait never ends.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling((double)wait / TimeSpan.TicksPerMillisecond)), ctx.Time, ct);
                continue;
            }

            Term++;
            (VotedFor, IsCandidate) = (name, true);
            _votes.Clear();
            _votes.Add(name);
            ResetElectionTimer();
            await BroadcastAsync($"REQ {Term} {name}", ct);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            VirtualDatagram datagram = await _socket!.ReceiveFromAsync(ct);
            string[] message = Encoding.UTF8.GetString(datagram.Data.Span).Split(' ');
            int term = int.Parse(message[1], CultureInfo.InvariantCulture);
            string from = message[2];
            if (term > Term)
            {
                (Term, VotedFor, IsLeader, IsCandidate) = (term, null, false, false);
            }

            switch (message[0])
            {
                case "REQ":
                    bool grant = term == Term && (!checkVotedFor || VotedFor is null || VotedFor == from);
                    if (grant)
                    {
                        VotedFor = from;
                        ResetElectionTimer();
                    }

                    await SendAsync(from, $"VOTE {Term} {name} {(grant ? "yes" : "no")}", ct);
                    break;
                case "VOTE" when IsCandidate && term == Term && message[3] == "yes":
                    _votes.Add(from);
                    if (_votes.Count * 2 > cluster.Count)
                    {
                        (IsLeader, IsCandidate) = (true, false);
                        log.BecameLeader(Term, name, ctx.Loop.Clock.Elapsed);
                    }

                    break;
                case "BEAT" when term == Term && from != name:
                    (IsLeader, IsCandidate) = (false, false);
                    ResetElectionTimer();
                    break;
            }
        }
    }

    private void ResetElectionTimer() =>
        _deadlineTicks = ctx.Loop.NowTicks
            + (s_timeoutBase + (s_timeoutStagger * IndexOf(name)) + TimeSpan.FromMilliseconds(ctx.Random.Next(0, TimeoutSpreadMilliseconds))).Ticks;

    private int IndexOf(string node)
    {
        for (int i = 0; i < cluster.Count; i++)
        {
            if (cluster[i] == node)
            {
                return i;
            }
        }

        throw new ArgumentException($"{node} is not in the cluster", nameof(node));
    }

    private async Task BroadcastAsync(string text, CancellationToken ct)
    {
        foreach (string peer in cluster.Where(n => n != name))
        {
            await SendAsync(peer, text, ct);
        }
    }

    private async Task SendAsync(string peer, string text, CancellationToken ct)
    {
        IPAddress address = ctx.Network.Resolve(peer)[0];
        await _socket!.SendToAsync(Encoding.UTF8.GetBytes(text), new IPEndPoint(address, Port), ct);
    }
}
