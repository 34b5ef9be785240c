using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Timers;

namespace SimLoop.Interception.Time;

/// <summary>
/// Shims for <c>System.Timers.Timer</c>: inside a simulation a new timer is a real one that is never started, with
/// its interval, auto-reset, enabled state and Elapsed handlers kept by the rewritten members and fired by a loop
/// timer at virtual times (<c>SignalTime</c> is the virtual local time; <c>SynchronizingObject</c> is not used).
/// Outside a simulation each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class TimersTimerShims
{
    private static readonly ConditionalWeakTable<System.Timers.Timer, VirtualTimersTimer> s_virtual = new();

    /// <summary>Shim for <c>new System.Timers.Timer()</c> (interval 100 ms).</summary>
    /// <returns>The timer.</returns>
    [Intercepts("System.Timers.Timer::.ctor()")]
    public static System.Timers.Timer Create() => Register(new System.Timers.Timer());

    /// <summary>Shim for <c>new System.Timers.Timer(double)</c>.</summary>
    /// <param name="interval">The interval in milliseconds.</param>
    /// <returns>The timer.</returns>
    [Intercepts("System.Timers.Timer::.ctor(System.Double)")]
    public static System.Timers.Timer Create(double interval) => Register(new System.Timers.Timer(interval));

    /// <summary>Shim for <c>new System.Timers.Timer(TimeSpan)</c>.</summary>
    /// <param name="interval">The interval.</param>
    /// <returns>The timer.</returns>
    [Intercepts("System.Timers.Timer::.ctor(System.TimeSpan)")]
    public static System.Timers.Timer Create(TimeSpan interval) => Register(new System.Timers.Timer(interval));

    /// <summary>Shim for <see cref="System.Timers.Timer.Start"/>.</summary>
    /// <param name="timer">The timer.</param>
    [Intercepts("System.Timers.Timer::Start()")]
    public static void Start(System.Timers.Timer timer) => SetEnabled(timer, true);

    /// <summary>Shim for <see cref="System.Timers.Timer.Stop"/>.</summary>
    /// <param name="timer">The timer.</param>
    [Intercepts("System.Timers.Timer::Stop()")]
    public static void Stop(System.Timers.Timer timer) => SetEnabled(timer, false);

    /// <summary>Shim for reading <see cref="System.Timers.Timer.Enabled"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <returns>Whether it runs.</returns>
    [Intercepts("System.Timers.Timer::get_Enabled()")]
    public static bool GetEnabled(System.Timers.Timer timer) => TryGet(timer, out VirtualTimersTimer? state) ? state.Enabled : timer.Enabled;

    /// <summary>Shim for setting <see cref="System.Timers.Timer.Enabled"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="value">Whether it runs.</param>
    [Intercepts("System.Timers.Timer::set_Enabled(System.Boolean)")]
    public static void SetEnabled(System.Timers.Timer timer, bool value)
    {
        if (TryGet(timer, out VirtualTimersTimer? state)) { state.Enabled = value; } else { timer.Enabled = value; }
    }

    /// <summary>Shim for reading <see cref="System.Timers.Timer.Interval"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <returns>The interval in milliseconds.</returns>
    [Intercepts("System.Timers.Timer::get_Interval()")]
    public static double GetInterval(System.Timers.Timer timer) => TryGet(timer, out VirtualTimersTimer? state) ? state.Interval : timer.Interval;

    /// <summary>Shim for setting <see cref="System.Timers.Timer.Interval"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="value">The interval in milliseconds.</param>
    [Intercepts("System.Timers.Timer::set_Interval(System.Double)")]
    public static void SetInterval(System.Timers.Timer timer, double value)
    {
        if (TryGet(timer, out VirtualTimersTimer? state)) { state.Interval = value; } else { timer.Interval = value; }
    }

    /// <summary>Shim for reading <see cref="System.Timers.Timer.AutoReset"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <returns>Whether it fires repeatedly.</returns>
    [Intercepts("System.Timers.Timer::get_AutoReset()")]
    public static bool GetAutoReset(System.Timers.Timer timer) => TryGet(timer, out VirtualTimersTimer? state) ? state.AutoReset : timer.AutoReset;

    /// <summary>Shim for setting <see cref="System.Timers.Timer.AutoReset"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="value">Whether it fires repeatedly.</param>
    [Intercepts("System.Timers.Timer::set_AutoReset(System.Boolean)")]
    public static void SetAutoReset(System.Timers.Timer timer, bool value)
    {
        if (TryGet(timer, out VirtualTimersTimer? state)) { state.AutoReset = value; } else { timer.AutoReset = value; }
    }

    /// <summary>Shim for subscribing to <see cref="System.Timers.Timer.Elapsed"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="handler">The handler.</param>
    [Intercepts("System.Timers.Timer::add_Elapsed(System.Timers.ElapsedEventHandler)")]
    public static void AddElapsed(System.Timers.Timer timer, ElapsedEventHandler? handler)
    {
        if (TryGet(timer, out VirtualTimersTimer? state)) { state.Add(handler); } else { timer.Elapsed += handler; }
    }

    /// <summary>Shim for unsubscribing from <see cref="System.Timers.Timer.Elapsed"/>.</summary>
    /// <param name="timer">The timer.</param>
    /// <param name="handler">The handler.</param>
    [Intercepts("System.Timers.Timer::remove_Elapsed(System.Timers.ElapsedEventHandler)")]
    public static void RemoveElapsed(System.Timers.Timer timer, ElapsedEventHandler? handler)
    {
        if (TryGet(timer, out VirtualTimersTimer? state)) { state.Remove(handler); } else { timer.Elapsed -= handler; }
    }

    /// <summary>Shim for <see cref="System.Timers.Timer.Close"/>.</summary>
    /// <param name="timer">The timer.</param>
    [Intercepts("System.Timers.Timer::Close()")]
    public static void Close(System.Timers.Timer timer)
    {
        StopVirtual(timer);
        timer.Close();
    }

    /// <summary>Shim for <see cref="Component.Dispose()"/>: stops a virtual <c>System.Timers.Timer</c> first.</summary>
    /// <param name="component">The component.</param>
    [Intercepts("System.ComponentModel.Component::Dispose()")]
    public static void DisposeComponent(Component component)
    {
        StopVirtual(component as System.Timers.Timer);
        component.Dispose();
    }

    /// <summary>Stops the virtual state of <paramref name="timer"/>, if it has one (for the disposal shims).</summary>
    /// <param name="timer">A timer, or null.</param>
    internal static void StopVirtual(System.Timers.Timer? timer)
    {
        if (TryGet(timer, out VirtualTimersTimer? state))
        {
            state.Dispose();
        }
    }

    private static System.Timers.Timer Register(System.Timers.Timer timer)
    {
        if (SimulationScope.TryGet(out SimulatedEventLoop? loop))
        {
            s_virtual.AddOrUpdate(timer, new VirtualTimersTimer(loop, timer, timer.Interval));
        }

        return timer;
    }

    private static bool TryGet(System.Timers.Timer? timer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VirtualTimersTimer? state)
    {
        state = null;
        return timer is not null && s_virtual.TryGetValue(timer, out state);
    }
}
