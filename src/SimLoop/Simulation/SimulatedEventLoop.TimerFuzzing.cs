namespace SimLoop;

public sealed partial class SimulatedEventLoop
{
    private Random? _timerJitterRandom;
    private Random? _timerOrderRandom;
    private bool _exactTimers;

    /// <inheritdoc/>
    protected override void MoveDueTimers()
    {
        if (_options.ShuffleSimultaneousTimers)
        {
            MoveDueTimersShuffled(_timerOrderRandom ??= GetRandom("timer.order"));
        }
        else
        {
            base.MoveDueTimers();
        }
    }

    /// <summary>Adds seeded jitter in [0, <see cref="SimulationOptions.TimerJitter"/>] to timers due in the future; never makes one earlier.</summary>
    private protected override long AdjustTimerDueTicks(long whenTicks)
    {
        long jitter = _options.TimerJitter.Ticks;
        if (jitter == 0 || _exactTimers || whenTicks <= NowTicks || whenTicks > long.MaxValue - jitter)
        {
            return whenTicks;
        }

        return whenTicks + (_timerJitterRandom ??= GetRandom("timer.jitter")).NextInt64(jitter + 1);
    }

    /// <summary>Schedules a timer the loop itself needs at an exact time (a RunFor deadline, a network delivery): never jittered.</summary>
    private TimerHandle ScheduleExactAt(long whenTicks, Action<object?> callback, object? state)
    {
        _exactTimers = true;
        try
        {
            return ScheduleAt(whenTicks, callback, state, context: null, owner: null);
        }
        finally
        {
            _exactTimers = false;
        }
    }
}
