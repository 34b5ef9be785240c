using System.Net;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>The simulated network bound to the loop, and the hosts that run on it.</summary>
public sealed partial class SimulatedEventLoop
{
    private HostRegistry? _hostRegistry;

    private HostRegistry HostRegistry => _hostRegistry ??= new HostRegistry(options => new VirtualNetwork(NetworkScheduler, options));

    /// <summary>The network seam bound to this loop (its timers, streams and trace recorder).</summary>
    internal INetworkScheduler NetworkScheduler => field ??= new NetworkSchedulerAdapter(this);

    /// <summary>
    /// The simulated network, driven by this loop (its time, callbacks, seeded random streams and trace). Created on
    /// first use with default options unless <see cref="ConfigureNetwork"/> ran before.
    /// </summary>
    public VirtualNetwork Network => HostRegistry.Network;

    /// <summary>The hosts added with <see cref="AddHost"/>, in the order they were added.</summary>
    public IReadOnlyList<SimulatedHost> Hosts => HostRegistry.Hosts;

    /// <summary>Creates <see cref="Network"/> with <paramref name="options"/>; call it once, before anything uses the network.</summary>
    /// <param name="options">The network's options.</param>
    /// <returns>The new network.</returns>
    /// <exception cref="InvalidOperationException">The network already exists.</exception>
    public VirtualNetwork ConfigureNetwork(VirtualNetworkOptions options) => HostRegistry.ConfigureNetwork(options);

    /// <summary>
    /// Adds a host to <see cref="Network"/>. Its <paramref name="start"/> function runs as a task of the host now (on
    /// the next loop iteration) and again after each restart; everything it spawns belongs to the host and is
    /// cancelled when the host crashes.
    /// </summary>
    /// <param name="name">A unique host name (resolvable through the network's DNS).</param>
    /// <param name="start">What the host runs when it boots, or null for a host driven from outside.</param>
    /// <param name="addresses">The host's addresses; none for the next free one in 10.0.0.0/8.</param>
    /// <returns>The host.</returns>
    public SimulatedHost AddHost(string name, Func<SimulatedHost, CancellationToken, Task>? start = null, params IPAddress[] addresses)
    {
        VirtualHost virtualHost = Network.AddHost(name, addresses);
        var host = new SimulatedHost(this, virtualHost, start);
        HostRegistry.Add(host);
        host.Boot();
        return host;
    }

    /// <summary>The host named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="KeyNotFoundException">No host has that name.</exception>
    public SimulatedHost GetHost(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FindHost(name) ?? throw new KeyNotFoundException($"The loop has no host named '{name}'; add it with AddHost.");
    }

    internal SimulatedHost? FindHost(string name) => HostRegistry.Find(name);

    /// <summary>The host that owns <paramref name="address"/>, or null.</summary>
    internal VirtualHost? FindVirtualHost(IPAddress address) => HostRegistry.FindVirtualHost(address);

    /// <summary>Records what happened to a host (<paramref name="spawnedTask"/>: the task it spawned, or 0).</summary>
    internal void RecordHostEvent(long spawnedTask, in HostEvent hostEvent) =>
        Recorder.Host(NowTicks, CurrentTaskId(), spawnedTask, hostEvent);

    /// <summary>
    /// Binds the network to the loop: exact-order loop timers for its callbacks (each returned as an opaque handle that
    /// cancels its timer; no table of timers), the loop's seeded streams, and the loop's trace recorder for its events
    /// (kept as data).
    /// </summary>
    private sealed class NetworkSchedulerAdapter(SimulatedEventLoop loop) : INetworkScheduler, IDeferredNetworkRecording, IDirectNetworkScheduling
    {
        public long NowTicks => loop.NowTicks;

        public bool IsRecording => loop.Recorder.IsRecording;

        public IScheduledCallback ScheduleAt(long atTicks, Action<object?> callback, object? state)
        {
            if (loop.IsClosed)
            {
                // A token cancelled after the run ended (a real-time timer of a library, on a pool thread) has nothing
                // to run for: the network's callbacks die with the loop instead of throwing on a foreign thread.
                return ClosedLoopCallback.Instance;
            }

            var scheduled = new ScheduledCallback(callback, state);
            scheduled.Timer = loop.ScheduleExactAt(Math.Max(atTicks, loop.NowTicks), static s => ((ScheduledCallback)s!).Run(), scheduled);
            return scheduled;
        }

        /// <summary>A message's arrival: its loop timer runs the message itself (no callback object per message).</summary>
        public object? ScheduleArrival(long atTicks, Transmission message) => ScheduleAt(atTicks, message);

        /// <summary>Cancels an arrival's timer (the network asks only while it has not run).</summary>
        public void CancelArrival(object token) => ((TimerHandle)token).Cancel();

        public Random GetRandom(string concern) => loop.GetRandom(concern);

        public LinkSettings ShapeLink(LinkSettings configured) => loop.ShapeLink(configured);

        public void Record(NetworkEvent networkEvent) => loop.Recorder.Network(loop.NowTicks, loop.CurrentTaskId(), networkEvent);

        public void Record(DeferredNetworkEvent networkEvent) => loop.Recorder.Network(loop.NowTicks, loop.CurrentTaskId(), networkEvent);

        /// <summary>
        /// Schedules <paramref name="message"/>'s arrival as <see cref="ScheduleAt(long, Action{object?}, object?)"/>
        /// would: the same exact-order timer, whose callback (a lambda of a method named ScheduleAt, so the trace
        /// describes it alike) runs the message.
        /// </summary>
        private TimerHandle? ScheduleAt(long atTicks, Transmission message) =>
            loop.IsClosed ? null : loop.ScheduleExactAt(Math.Max(atTicks, loop.NowTicks), static s => ((Transmission)s!).Arrive(), message);

        /// <summary>A callback scheduled on a closed loop: it never runs, so there is nothing to cancel.</summary>
        private sealed class ClosedLoopCallback : IScheduledCallback
        {
            public static readonly ClosedLoopCallback Instance = new();

            public bool Cancel() => false;
        }

        /// <summary>One scheduled callback: its loop timer until it runs or is cancelled, then nothing.</summary>
        private sealed class ScheduledCallback(Action<object?> callback, object? state) : IScheduledCallback
        {
            public TimerHandle? Timer { get; set; }

            public bool Cancel()
            {
                if (Timer is not { } timer)
                {
                    return false;
                }

                Timer = null;
                timer.Cancel();
                return true;
            }

            public void Run()
            {
                Timer = null;
                callback(state);
            }
        }
    }
}
