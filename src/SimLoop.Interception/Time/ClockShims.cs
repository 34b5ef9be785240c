#pragma warning disable RS0030 // Outside a simulation each shim is exactly the original (banned) call.
using System.ComponentModel;

namespace SimLoop.Interception.Time;

/// <summary>
/// Shims for the wall clock: inside a simulation <c>DateTime.Now/UtcNow/Today</c>, <c>DateTimeOffset.Now/UtcNow</c>
/// and <c>Environment.TickCount(64)</c> read the loop's virtual clock (local time is the loop's
/// <see cref="TimeProvider.LocalTimeZone"/>, UTC for <see cref="SimulatedEventLoop"/>; tick counts start at 0 when the
/// loop starts); outside each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class ClockShims
{
    /// <summary>Shim for <see cref="DateTime.UtcNow"/>.</summary>
    /// <returns>The current UTC time (virtual inside a simulation).</returns>
    [Intercepts("System.DateTime::get_UtcNow()")]
    public static DateTime UtcNow() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? loop.TimeProvider.GetUtcNow().UtcDateTime : DateTime.UtcNow;

    /// <summary>Shim for <see cref="DateTime.Now"/>.</summary>
    /// <returns>The current local time, of kind <see cref="DateTimeKind.Local"/> (virtual inside a simulation).</returns>
    [Intercepts("System.DateTime::get_Now()")]
    public static DateTime Now() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop)
            ? DateTime.SpecifyKind(loop.TimeProvider.GetLocalNow().DateTime, DateTimeKind.Local)
            : DateTime.Now;

    /// <summary>Shim for <see cref="DateTime.Today"/>.</summary>
    /// <returns>Today's local date (virtual inside a simulation).</returns>
    [Intercepts("System.DateTime::get_Today()")]
    public static DateTime Today() => SimulationScope.IsActive ? Now().Date : DateTime.Today;

    /// <summary>Shim for <see cref="DateTimeOffset.UtcNow"/>.</summary>
    /// <returns>The current UTC time (virtual inside a simulation).</returns>
    [Intercepts("System.DateTimeOffset::get_UtcNow()")]
    public static DateTimeOffset OffsetUtcNow() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? loop.TimeProvider.GetUtcNow() : DateTimeOffset.UtcNow;

    /// <summary>Shim for <see cref="DateTimeOffset.Now"/>.</summary>
    /// <returns>The current local time (virtual inside a simulation).</returns>
    [Intercepts("System.DateTimeOffset::get_Now()")]
    public static DateTimeOffset OffsetNow() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? loop.TimeProvider.GetLocalNow() : DateTimeOffset.Now;

    /// <summary>Shim for <see cref="Environment.TickCount"/>.</summary>
    /// <returns>Milliseconds since start (of the loop inside a simulation), wrapping as the original does.</returns>
    [Intercepts("System.Environment::get_TickCount()")]
    public static int TickCount() => SimulationScope.IsActive ? unchecked((int)TickCount64()) : Environment.TickCount;

    /// <summary>Shim for <see cref="Environment.TickCount64"/>.</summary>
    /// <returns>Milliseconds since start (of the loop inside a simulation).</returns>
    [Intercepts("System.Environment::get_TickCount64()")]
    public static long TickCount64() =>
        SimulationScope.TryGet(out SimulatedEventLoop? loop) ? loop.NowTicks / TimeSpan.TicksPerMillisecond : Environment.TickCount64;
}
