using SimLoop.Networking;

namespace SimLoop.Scenarios.Rendering;

/// <summary>
/// Finds the lane a message leaves from and the lane it goes into, from the trace's data. A stream message belongs to
/// a connection (the hosts, and the sending end's <c>localPort-&gt;remotePort</c>): it is received by the task of the
/// receiving host that uses the other end of that connection (the one that sends to the sender on
/// <c>remotePort-&gt;localPort</c>), so in a server
/// with a handler task per client each request goes into its own handler's lane. Only when no task of the receiving
/// host ever uses that connection does the message go to the first task of the host that runs after it arrived.
/// </summary>
internal sealed class MessageRouting
{
    private readonly IReadOnlyList<TimelineLane> _lanes;
    private readonly IReadOnlyDictionary<long, string> _hostOfTask;
    private readonly IReadOnlyList<TimelineStep> _steps;
    private readonly Dictionary<(string Host, string Peer, string Connection), List<(int Order, long Task)>> _users = new();

    public MessageRouting(IReadOnlyList<TimelineLane> lanes, IReadOnlyDictionary<long, string> hostOfTask, IReadOnlyList<TimelineStep> steps, IEnumerable<(int Order, NetworkEvent Event, long Task)> sends)
    {
        _lanes = lanes;
        _hostOfTask = hostOfTask;
        _steps = steps;
        foreach ((int order, NetworkEvent net, long task) in sends)
        {
            if (task != 0 && IsOn(task, net.From) && Ports(net.Connection) is { } connection)
            {
                if (!_users.TryGetValue((net.From, net.To, connection), out var users))
                {
                    _users[(net.From, net.To, connection)] = users = new();
                }

                users.Add((order, task));
            }
        }
    }

    /// <summary>The lane that sent <paramref name="net"/> (sent by <paramref name="task"/>, or by the network stack in a callback when 0).</summary>
    public long Sender(in NetworkEvent net, long task, int order)
    {
        if (task != 0 && IsOn(task, net.From))
        {
            return task;
        }

        return UserOf(net.From, net.To, Ports(net.Connection), order) ?? LastStepOn(net.From, order) ?? FirstLaneOf(net.From) ?? task;
    }

    /// <summary>The lane that received <paramref name="net"/>, which arrived at trace position <paramref name="arrivedOrder"/> (or never).</summary>
    /// <remarks>A connection request (SYN) is received by the task that accepts it, which runs next on the host.</remarks>
    public long Receiver(in NetworkEvent net, int arrivedOrder) =>
        (net.Message == MessageKind.Syn ? null : UserOf(net.To, net.From, Reverse(Ports(net.Connection)), arrivedOrder))
        ?? NextStepOn(net.To, arrivedOrder) ?? FirstLaneOf(net.To) ?? 0;

    private bool IsOn(long task, string host) => _hostOfTask.TryGetValue(task, out string? h) && h == host;

    /// <summary>The task of <paramref name="host"/> that uses <paramref name="connection"/> to <paramref name="peer"/> next after <paramref name="order"/>, else last before it.</summary>
    private long? UserOf(string host, string peer, string? connection, int order)
    {
        if (connection is null || !_users.TryGetValue((host, peer, connection), out var users))
        {
            return null;
        }

        foreach ((int at, long task) in users)
        {
            if (at > order)
            {
                return task;
            }
        }

        return users[^1].Task;
    }

    private long? NextStepOn(string host, int order) =>
        _steps.FirstOrDefault(s => s.Order > order && IsOn(s.TaskId, host))?.TaskId;

    private long? LastStepOn(string host, int order) =>
        _steps.LastOrDefault(s => s.Order < order && IsOn(s.TaskId, host))?.TaskId;

    private long? FirstLaneOf(string host) => _lanes.FirstOrDefault(l => l.Host == host && l.Kind != LaneKind.Storage)?.TaskId;

    /// <summary>The <c>a-&gt;b</c> ports at the start of a connection text (a datagram's text goes on with its length).</summary>
    private static string? Ports(string? connection)
    {
        if (connection is null)
        {
            return null;
        }

        int space = connection.IndexOf(' ', StringComparison.Ordinal);
        string ports = space < 0 ? connection : connection[..space];
        return ports.Contains("->", StringComparison.Ordinal) ? ports : null;
    }

    private static string? Reverse(string? ports)
    {
        if (ports is null)
        {
            return null;
        }

        int arrow = ports.IndexOf("->", StringComparison.Ordinal);
        return ports[(arrow + 2)..] + "->" + ports[..arrow];
    }
}
