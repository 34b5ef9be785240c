namespace SimLoop.Networking;

/// <summary>
/// The seam through which the simulated network sees time and randomness. The simulated event loop
/// implements it; tests of the network alone use a trivial implementation.
/// </summary>
/// <remarks>
/// Every call happens on the simulation's single thread. Callbacks run later, one at a time, with no
/// synchronization context current, so that continuations completed by a delivery return to whichever
/// context their awaiting code captured.
/// </remarks>
public interface INetworkScheduler
{
    /// <summary>The current simulated instant, in ticks of 100 ns since the simulation's start.</summary>
    long NowTicks { get; }

    /// <summary>
    /// Runs <paramref name="callback"/> with <paramref name="state"/> at simulated instant <paramref name="atTicks"/>
    /// (clamped to now when in the past). Callbacks due at the same instant run in the order they were scheduled.
    /// </summary>
    /// <returns>A handle that cancels the callback.</returns>
    IScheduledCallback ScheduleAt(long atTicks, Action<object?> callback, object? state);

    /// <summary>
    /// A random stream for one concern (for example <c>"net.latency"</c> or <c>"net.loss"</c>), derived from the
    /// simulation's seed, so that using one concern more does not shift the numbers another concern sees.
    /// </summary>
    Random GetRandom(string concern);

    /// <summary>
    /// Whether <see cref="Record"/> keeps events. When false the network skips building them (their text is only for
    /// the trace); what the network does is the same either way.
    /// </summary>
    bool IsRecording => true;

    /// <summary>
    /// The settings a link has in effect when it is configured with <paramref name="configured"/>: the simulation may
    /// reshape them (swarm testing varies latency and faults per run). The default keeps them as they are. Must be a
    /// pure function of its argument for one simulation.
    /// </summary>
    /// <param name="configured">The link's own settings, or the network's default link.</param>
    /// <returns>The settings in effect.</returns>
    LinkSettings ShapeLink(LinkSettings configured) => configured;

    /// <summary>Records a network event in the simulation's trace.</summary>
    void Record(NetworkEvent networkEvent);
}
