using System.Diagnostics;

namespace SimLoop;

/// <summary>
/// Names where escaped work came from, by the frames of the thread that queued it or runs it, with the fix for each
/// source. Read only to word a report (it never decides whether something is an escape).
/// </summary>
internal static class EscapeSources
{
    /// <summary>The source of work that a foreign thread is running now (read from that thread's stack).</summary>
    public static string DescribeForeignStack()
    {
        string stack = new StackTrace(false).ToString();
        if (stack.Contains("QueueUserWorkItemCallback", StringComparison.Ordinal))
        {
            return QueueUserWorkItem;
        }

        if (stack.Contains("TimerQueueTimer", StringComparison.Ordinal))
        {
            return "It came from a real-time timer (System.Threading.Timer, or Task.Delay/WaitAsync/CancelAfter without a TimeProvider): pass loop.TimeProvider.";
        }

        if (stack.Contains("AsyncStateMachineBox", StringComparison.Ordinal) || stack.Contains("AwaitTaskContinuation", StringComparison.Ordinal))
        {
            return Continuation;
        }

        if (stack.Contains("System.Threading.Tasks.Task.ExecuteWithThreadLocal", StringComparison.Ordinal))
        {
            return TaskRun;
        }

        return "Keep work on the loop: no Task.Run, ThreadPool, real-time timers or ConfigureAwait(false) in code under test.";
    }

    /// <summary>The source of a thread-pool item being queued now, read from the queuing (loop) thread's stack.</summary>
    public static string DescribeQueuingStack()
    {
        string stack = new StackTrace(false).ToString();
        // The BCL queues its own continuations with UnsafeQueueUserWorkItem (channels, pipelines): only the public
        // QueueUserWorkItem, called by the program itself, is named as such.
        if (stack.Contains("ThreadPool.QueueUserWorkItem(", StringComparison.Ordinal) || stack.Contains("ThreadPool.QueueUserWorkItem[", StringComparison.Ordinal))
        {
            return QueueUserWorkItem;
        }

        if (stack.Contains("ThreadPoolTaskScheduler", StringComparison.Ordinal))
        {
            return TaskRun;
        }

        return Continuation;
    }

    private const string QueueUserWorkItem =
        "It came from ThreadPool.QueueUserWorkItem: schedule the work with loop.CallSoon or loop.CreateTask instead.";

    private const string TaskRun =
        "It was a Task on the thread pool (Task.Run, or Task.Factory.StartNew with TaskScheduler.Default): use loop.CreateTask instead.";

    private const string Continuation =
        "It was an await continuation resumed on the thread pool: usually ConfigureAwait(false) on a task completed inside another loop task's step, or a BCL primitive that completes asynchronously (SemaphoreSlim, channels). Remove ConfigureAwait(false) in code under test.";
}
