namespace SimLoop.Networking.Tests.Support;

/// <summary>Virtual-time waits for test code driven by a <see cref="ManualNetworkScheduler"/>.</summary>
public static class ManualSchedulerDelays
{
    /// <summary>A task that completes, in a scheduler callback, <paramref name="delay"/> from now.</summary>
    public static Task Delay(this ManualNetworkScheduler scheduler, TimeSpan delay)
    {
        var completion = new TaskCompletionSource();
        scheduler.ScheduleAt(scheduler.NowTicks + delay.Ticks, static c => ((TaskCompletionSource)c!).SetResult(), completion);
        return completion.Task;
    }

    /// <summary>Runs <paramref name="action"/> in a scheduler callback at <paramref name="atTicks"/>.</summary>
    public static void At(this ManualNetworkScheduler scheduler, long atTicks, Action action) =>
        scheduler.ScheduleAt(atTicks, static a => ((Action)a!)(), action);
}
