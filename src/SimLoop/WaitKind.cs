namespace SimLoop;

/// <summary>What kind of thing a pending task waits for: the data deadlock and escape reports are decided on.</summary>
public enum WaitKind
{
    /// <summary>Nothing could be learnt (a third-party task that does not say, or a state machine not recognised).</summary>
    Unknown,

    /// <summary>The task has not run its first step yet.</summary>
    NotStarted,

    /// <summary>A loop future (a <see cref="LoopFuture{TResult}"/> or another loop task).</summary>
    LoopFuture,

    /// <summary>A <see cref="System.Threading.SemaphoreSlim"/> wait.</summary>
    Semaphore,

    /// <summary>A .NET task or value task that loop code completes (a <c>TaskCompletionSource</c>, a channel, ...).</summary>
    Task,

    /// <summary>A real-time timer (<c>Task.Delay</c> without a <see cref="TimeProvider"/>): only real time can end it.</summary>
    RealTimeTimer,

    /// <summary>Work queued to the thread pool (<c>Task.Run</c>, <c>Task.Factory.StartNew</c> on the default scheduler).</summary>
    ThreadPoolWork,

    /// <summary>A task on a thread of its own (<c>TaskCreationOptions.LongRunning</c>): no loop can adopt it.</summary>
    DedicatedThread,

    /// <summary>Something that completed, but whose continuation was queued somewhere the loop does not run.</summary>
    ResumedElsewhere,

    /// <summary>A third-party task's own description.</summary>
    Custom,
}
