#pragma warning disable RS0030 // Outside a simulation each shim is exactly the original (banned) call.
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SimLoop.Interception.Time;

/// <summary>
/// Shims for <see cref="Stopwatch"/>. Inside a simulation the static members read the loop's clock (a timestamp is
/// loop ticks and <c>Frequency</c> is <see cref="TimeSpan.TicksPerSecond"/>), and a stopwatch created there measures
/// loop time: it stays a real <see cref="Stopwatch"/> object (so signatures and non-rewritten callers are unchanged)
/// whose rewritten members consult its virtual state. A stopwatch created outside a simulation is the original
/// everywhere; non-rewritten code that reads a stopwatch created inside sees the real (unused, zero) one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class StopwatchShims
{
    private static readonly ConditionalWeakTable<Stopwatch, VirtualStopwatch> s_virtual = new();

    /// <summary>Shim for <c>new Stopwatch()</c>.</summary>
    /// <returns>A stopped stopwatch (on loop time inside a simulation).</returns>
    [Intercepts("System.Diagnostics.Stopwatch::.ctor()")]
    public static Stopwatch Create()
    {
        var stopwatch = new Stopwatch();
        if (SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            s_virtual.AddOrUpdate(stopwatch, new VirtualStopwatch(loop));
        }

        return stopwatch;
    }

    /// <summary>Shim for <see cref="Stopwatch.StartNew"/>.</summary>
    /// <returns>A running stopwatch (on loop time inside a simulation).</returns>
    [Intercepts("System.Diagnostics.Stopwatch::StartNew()")]
    public static Stopwatch StartNew()
    {
        Stopwatch stopwatch = Create();
        Start(stopwatch);
        return stopwatch;
    }

    /// <summary>Shim for <see cref="Stopwatch.GetTimestamp"/>.</summary>
    /// <returns>The current timestamp (loop ticks inside a simulation).</returns>
    [Intercepts("System.Diagnostics.Stopwatch::GetTimestamp()")]
    public static long GetTimestamp() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? loop.TimeProvider.GetTimestamp() : Stopwatch.GetTimestamp();

    /// <summary>Shim for reading the field <see cref="Stopwatch.Frequency"/>.</summary>
    /// <returns>Timestamp ticks per second (the loop's inside a simulation).</returns>
    [Intercepts("System.Diagnostics.Stopwatch::Frequency")]
    public static long Frequency() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? loop.TimeProvider.TimestampFrequency : Stopwatch.Frequency;

    /// <summary>Shim for <see cref="Stopwatch.GetElapsedTime(long)"/>.</summary>
    /// <param name="startingTimestamp">A timestamp from <see cref="GetTimestamp"/>.</param>
    /// <returns>The time since then.</returns>
    [Intercepts("System.Diagnostics.Stopwatch::GetElapsedTime(System.Int64)")]
    public static TimeSpan GetElapsedTime(long startingTimestamp) =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? loop.TimeProvider.GetElapsedTime(startingTimestamp) : Stopwatch.GetElapsedTime(startingTimestamp);

    /// <summary>Shim for <see cref="Stopwatch.GetElapsedTime(long, long)"/>.</summary>
    /// <param name="startingTimestamp">The earlier timestamp.</param>
    /// <param name="endingTimestamp">The later timestamp.</param>
    /// <returns>The time between them.</returns>
    [Intercepts("System.Diagnostics.Stopwatch::GetElapsedTime(System.Int64,System.Int64)")]
    public static TimeSpan GetElapsedTime(long startingTimestamp, long endingTimestamp) =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop)
            ? loop.TimeProvider.GetElapsedTime(startingTimestamp, endingTimestamp)
            : Stopwatch.GetElapsedTime(startingTimestamp, endingTimestamp);

    /// <summary>Shim for <see cref="Stopwatch.Start"/>.</summary>
    /// <param name="stopwatch">The stopwatch.</param>
    [Intercepts("System.Diagnostics.Stopwatch::Start()")]
    public static void Start(Stopwatch stopwatch)
    {
        if (stopwatch is not null && s_virtual.TryGetValue(stopwatch, out VirtualStopwatch? state)) { state.Start(); } else { stopwatch!.Start(); }
    }

    /// <summary>Shim for <see cref="Stopwatch.Stop"/>.</summary>
    /// <param name="stopwatch">The stopwatch.</param>
    [Intercepts("System.Diagnostics.Stopwatch::Stop()")]
    public static void Stop(Stopwatch stopwatch)
    {
        if (stopwatch is not null && s_virtual.TryGetValue(stopwatch, out VirtualStopwatch? state)) { state.Stop(); } else { stopwatch!.Stop(); }
    }

    /// <summary>Shim for <see cref="Stopwatch.Reset"/>.</summary>
    /// <param name="stopwatch">The stopwatch.</param>
    [Intercepts("System.Diagnostics.Stopwatch::Reset()")]
    public static void Reset(Stopwatch stopwatch)
    {
        if (stopwatch is not null && s_virtual.TryGetValue(stopwatch, out VirtualStopwatch? state)) { state.Reset(); } else { stopwatch!.Reset(); }
    }

    /// <summary>Shim for <see cref="Stopwatch.Restart"/>.</summary>
    /// <param name="stopwatch">The stopwatch.</param>
    [Intercepts("System.Diagnostics.Stopwatch::Restart()")]
    public static void Restart(Stopwatch stopwatch)
    {
        if (stopwatch is not null && s_virtual.TryGetValue(stopwatch, out VirtualStopwatch? state)) { state.Restart(); } else { stopwatch!.Restart(); }
    }

    /// <summary>Shim for <see cref="Stopwatch.IsRunning"/>.</summary>
    /// <param name="stopwatch">The stopwatch.</param>
    /// <returns>Whether it runs.</returns>
    [Intercepts("System.Diagnostics.Stopwatch::get_IsRunning()")]
    public static bool IsRunning(Stopwatch stopwatch)
    {
        return stopwatch is not null && s_virtual.TryGetValue(stopwatch, out VirtualStopwatch? state) ? state.IsRunning : stopwatch!.IsRunning;
    }

    /// <summary>Shim for <see cref="Stopwatch.Elapsed"/>.</summary>
    /// <param name="stopwatch">The stopwatch.</param>
    /// <returns>The measured time.</returns>
    [Intercepts("System.Diagnostics.Stopwatch::get_Elapsed()")]
    public static TimeSpan Elapsed(Stopwatch stopwatch)
    {
        return stopwatch is not null && s_virtual.TryGetValue(stopwatch, out VirtualStopwatch? state) ? new TimeSpan(state.ElapsedTicks) : stopwatch!.Elapsed;
    }

    /// <summary>Shim for <see cref="Stopwatch.ElapsedMilliseconds"/>.</summary>
    /// <param name="stopwatch">The stopwatch.</param>
    /// <returns>The measured time in whole milliseconds.</returns>
    [Intercepts("System.Diagnostics.Stopwatch::get_ElapsedMilliseconds()")]
    public static long ElapsedMilliseconds(Stopwatch stopwatch)
    {
        return stopwatch is not null && s_virtual.TryGetValue(stopwatch, out VirtualStopwatch? state) ? state.ElapsedTicks / TimeSpan.TicksPerMillisecond : stopwatch!.ElapsedMilliseconds;
    }

    /// <summary>Shim for <see cref="Stopwatch.ElapsedTicks"/>.</summary>
    /// <param name="stopwatch">The stopwatch.</param>
    /// <returns>The measured time in timestamp ticks (loop ticks for a stopwatch created inside a simulation).</returns>
    [Intercepts("System.Diagnostics.Stopwatch::get_ElapsedTicks()")]
    public static long ElapsedTicks(Stopwatch stopwatch)
    {
        return stopwatch is not null && s_virtual.TryGetValue(stopwatch, out VirtualStopwatch? state) ? state.ElapsedTicks : stopwatch!.ElapsedTicks;
    }
}
