using System.Net;

namespace SimLoop.Networking;

/// <summary>
/// A simulated network: hosts with names and addresses, stream connections with TCP semantics, datagrams with UDP
/// semantics, per-link latency, bandwidth and loss, and faults that can be switched while a simulation runs.
/// </summary>
/// <remarks>
/// The network sees time and randomness only through its <see cref="INetworkScheduler"/>, and must be used from the
/// simulation's single thread. Pending operations complete inside scheduler callbacks.
/// </remarks>
public sealed partial class VirtualNetwork
{
    private readonly INetworkScheduler _scheduler;
    private readonly IDirectNetworkScheduling? _direct;
    private readonly List<VirtualHost> _hosts = [];
    private readonly Dictionary<string, VirtualHost> _hostsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Random> _randoms = new(StringComparer.Ordinal);

    /// <summary>Creates a network driven by <paramref name="scheduler"/>.</summary>
    /// <param name="scheduler">The seam to the simulation's clock, randomness and trace.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="OptionsValidationException">
    /// Settings in <paramref name="options"/> are out of range: one exception (<see cref="ArgumentException.ParamName"/>
    /// <c>options</c>) lists every one of them (<see cref="VirtualNetworkOptions.Validate"/>).
    /// </exception>
    public VirtualNetwork(INetworkScheduler scheduler, VirtualNetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        options ??= new VirtualNetworkOptions();
        options.Validate();
        this._scheduler = scheduler;
        _direct = scheduler as IDirectNetworkScheduling;
        Options = options;
        _defaultLink = options.DefaultLink;
    }

    /// <summary>Raised when <see cref="Crash"/> takes a host down (so that the loop can cancel the host's tasks).</summary>
    public event Action<VirtualHost>? HostCrashed;

    /// <summary>Raised when <see cref="Restart"/> brings a host back (so that the caller can run its start function again).</summary>
    public event Action<VirtualHost>? HostRestarted;

    /// <summary>The settings the network was built with.</summary>
    public VirtualNetworkOptions Options { get; }

    /// <summary>The hosts, in the order they were added.</summary>
    public IReadOnlyList<VirtualHost> Hosts => _hosts;

    internal long NowTicks => _scheduler.NowTicks;

    /// <summary>Finds a host by name (case-insensitive).</summary>
    /// <param name="name">The host's name.</param>
    /// <returns>The host.</returns>
    /// <exception cref="ArgumentException">No host has that name.</exception>
    public VirtualHost GetHost(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _hostsByName.TryGetValue(name, out VirtualHost? host)
            ? host
            : throw new ArgumentException($"The network has no host named '{name}'.", nameof(name));
    }

    internal VirtualHost? FindHostByAddress(IPAddress address)
    {
        foreach (VirtualHost host in _hosts)
        {
            if (host.HasAddress(address))
            {
                return host;
            }
        }

        return null;
    }

    /// <summary>Records an event in the simulation trace, at the current instant.</summary>
    internal void Record(NetworkEventKind kind, string from, string to, string detail)
    {
        if (_scheduler.IsRecording)
        {
            _scheduler.Record(new NetworkEvent(kind, _scheduler.NowTicks, from, to, detail));
        }
    }

    /// <summary>Records a <see cref="NetworkEventKind.Fault"/> event, at the current instant.</summary>
    internal void RecordFault(NetworkFault fault, string from, string to, string detail)
    {
        if (_scheduler.IsRecording)
        {
            _scheduler.Record(new NetworkEvent(NetworkEventKind.Fault, _scheduler.NowTicks, from, to, detail) { Fault = fault });
        }
    }

    /// <summary>Records an event about <paramref name="message"/>, formatting its description only when the trace records.</summary>
    internal void Record(NetworkEventKind kind, Transmission message, string? why = null)
    {
        if (_scheduler is IDeferredNetworkRecording deferring && _scheduler.IsRecording)
        {
            deferring.Record(new DeferredNetworkEvent(kind, _scheduler.NowTicks, message, why));
        }
        else if (_scheduler.IsRecording)
        {
            string detail = why is null ? message.ToString() : $"{message} {why}";
            _scheduler.Record(new NetworkEvent(kind, _scheduler.NowTicks, message.From.Name, message.To.Name, detail)
            {
                MessageId = message.Id,
                Message = message.Kind,
                Connection = message.Detail.Text,
                Length = message.Size,
                FirstBytes = PayloadPrefix.Of(message.Delivery.Payload.Span),
            });
        }
    }

    /// <summary>Runs <paramref name="action"/> in a scheduler callback at the current instant (never inline).</summary>
    internal void Post(Action action) => _scheduler.ScheduleAt(_scheduler.NowTicks, static s => ((Action)s!)(), action);

    /// <summary>Runs <paramref name="action"/> in a scheduler callback at <paramref name="atTicks"/>; never schedules <see cref="VirtualDeadline.Never"/> (returns null).</summary>
    internal IScheduledCallback? ScheduleAt(long atTicks, Action action) =>
        atTicks == VirtualDeadline.Never ? null : _scheduler.ScheduleAt(atTicks, static s => ((Action)s!)(), action);

    internal static bool CancelScheduled(IScheduledCallback? callback) => callback?.Cancel() ?? false;

    /// <summary>
    /// When a message sent at <paramref name="sentAtTicks"/> on its <paramref name="attempt"/>-th retry counts as
    /// unanswered: the first timeout doubled per attempt, capped at the options' largest one (or <see cref="VirtualDeadline.Never"/>).
    /// </summary>
    internal long RetransmissionDeadline(long sentAtTicks, long firstTimeoutTicks, int attempt) =>
        VirtualDeadline.After(sentAtTicks, VirtualDeadline.BackOff(firstTimeoutTicks, attempt, Options.MaxRetransmissionTimeout.Ticks));

    /// <summary>The random stream of <paramref name="concern"/>, asked of the scheduler once and then reused.</summary>
    internal Random RandomFor(string concern)
    {
        if (!_randoms.TryGetValue(concern, out Random? random))
        {
            random = _scheduler.GetRandom(concern);
            _randoms.Add(concern, random);
        }

        return random;
    }
}
