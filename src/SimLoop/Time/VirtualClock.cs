using System.Diagnostics;

namespace SimLoop.Time;

/// <summary>
/// Simulated time: a count of 100 ns ticks since a fixed start instant. It only moves forward, and only when the
/// loop moves it (to the next timer when nothing is ready).
/// </summary>
[DebuggerDisplay("{Now}")]
public sealed class VirtualClock
{
    /// <summary>The default start instant: 2000-01-01T00:00:00Z, so that runs do not depend on the date.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a clock at <paramref name="start"/> (or <see cref="DefaultStart"/>).</summary>
    /// <param name="start">The instant the clock shows at tick 0.</param>
    public VirtualClock(DateTimeOffset? start = null)
    {
        Start = start ?? DefaultStart;
    }

    /// <summary>The instant shown at tick 0.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The last tick the clock can show (<see cref="DateTimeOffset.MaxValue"/>); a timer due later never fires.</summary>
    public long MaxTicks => (DateTimeOffset.MaxValue - Start).Ticks;

    /// <summary>Ticks since <see cref="Start"/>.</summary>
    public long NowTicks { get; private set; }

    /// <summary>The elapsed simulated time.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(NowTicks);

    /// <summary>The current simulated instant.</summary>
    public DateTimeOffset Now => Start.AddTicks(NowTicks);

    /// <summary>Moves the clock to <paramref name="ticks"/>.</summary>
    /// <param name="ticks">The new time; must not be earlier than now.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time is in the past.</exception>
    internal void AdvanceTo(long ticks)
    {
        if (ticks < NowTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(ticks), ticks, $"Virtual time only moves forward; it is {NowTicks} ticks now.");
        }

        if (ticks > MaxTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(ticks), ticks, $"Virtual time cannot pass {DateTimeOffset.MaxValue:O}; the clock started at {Start:O}.");
        }

        NowTicks = ticks;
    }
}
