namespace SimLoop;

public sealed partial class SimulatedEventLoop
{
    private Random? _timerJitterRandom;
    private Random? _timerOrderRandom;

    /// <inheritdoc/>
    protected override void MoveDueTimers()
    {
        if (_options.ShuffleSimultaneousTimers)
        {
            MoveDueTimersShuffled(_timerOrderRandom ??= GetRandom(RandomStreams.TimerOrder));
        }
        else
        {
            base.MoveDueTimers();
        }
    }

    /// <summary>Adds seeded jitter in [0, <see cref="SimulationOptions.TimerJitter"/>] to timers due in the future; never makes one earlier.</summary>
    private protected override long AdjustTimerDueTicks(long whenTicks)
    {
        long jitter = Math.Min(_options.TimerJitter.Ticks, long.MaxValue - whenTicks); // saturates: never wraps around
        if (jitter <= 0 || whenTicks <= NowTicks)
        {
            return whenTicks;
        }

        Random random = _timerJitterRandom ??= GetRandom(RandomStreams.TimerJitter);
        return whenTicks + (jitter == long.MaxValue ? random.NextInt64(jitter) : random.NextInt64(jitter + 1));
    }

    /// <summary>Schedules a timer the loop itself needs at an exact time (a RunFor deadline, a network delivery): never jittered.</summary>
    private TimerHandle ScheduleExactAt(long whenTicks, Action<object?> callback, object? state) =>
        ScheduleAt(whenTicks, callback, state, context: null, owner: null, exact: true);
}
