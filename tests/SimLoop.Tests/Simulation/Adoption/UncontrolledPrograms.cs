using System.Text.RegularExpressions;

namespace SimLoop.Tests.Simulation.Adoption;

/// <summary>
/// Programs whose concurrency adoption cannot control (a real-time timer, a thread of their own), each of which
/// should end in the same report on every run, and an adopted program that should complete the same way every run.
/// </summary>
internal static partial class UncontrolledPrograms
{
    // Long enough that the loop always reaches its own check before the real timer fires (see the report of
    // Uncontrolled_ShortRealTimeDelay_... for what happens when it does not).
    private static readonly TimeSpan s_realDelay = TimeSpan.FromSeconds(2);

    public static IReadOnlyDictionary<string, (Type Report, Func<SimulatedEventLoop, CancellationToken, Task> Body)> All { get; } =
        new Dictionary<string, (Type, Func<SimulatedEventLoop, CancellationToken, Task>)>(StringComparer.Ordinal)
        {
            ["task-delay-without-provider"] = (typeof(UncontrolledConcurrencyException), async (loop, ct) =>
            {
                await Task.Yield();
                await Task.Delay(s_realDelay, ct);
            }),
            ["system-threading-timer"] = (typeof(DeadlockException), async (loop, ct) =>
            {
                await Task.Yield();
                var fired = new TaskCompletionSource();
                using var timer = new Timer(_ => fired.TrySetResult(), null, s_realDelay, Timeout.InfiniteTimeSpan);
                await fired.Task;
            }),
        };

    /// <summary>
    /// Programs on threads of their own, which the loop neither adopts nor sees start (the runtime tells nobody on the
    /// starting thread): such a thread is held, before it runs any of the task's work, until the run stops, so the loop
    /// reports what its own state shows whether or not the thread got that far: a wait on a LongRunning task as
    /// uncontrolled, a wait on what a <c>new Thread</c> would do as a deadlock.
    /// </summary>
    public static IReadOnlyDictionary<string, (Type Report, Func<SimulatedEventLoop, CancellationToken, Task> Body)> OwnThreads { get; } =
        new Dictionary<string, (Type, Func<SimulatedEventLoop, CancellationToken, Task>)>(StringComparer.Ordinal)
        {
            ["new-thread-completes-tcs"] = (typeof(DeadlockException), async (loop, ct) =>
            {
                await Task.Yield();
                var done = new TaskCompletionSource();
                var thread = new Thread(() => { Thread.Sleep(20); done.SetResult(); }) { IsBackground = true };
                thread.Start();
                await done.Task;
            }),
            ["long-running-task"] = (typeof(UncontrolledConcurrencyException), async (loop, ct) =>
            {
                await Task.Yield();
                await Task.Factory.StartNew(() => Thread.Sleep(20), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }),
        };

    /// <summary>
    /// Runs the program once on a fresh loop; returns "ExceptionType | message | trace hash" (or "completed | hash").
    /// With <paramref name="maskThreadIds"/>, "thread 17" in the message becomes "thread N".
    /// </summary>
    public static string Report(string name, bool maskThreadIds) =>
        Report(All.TryGetValue(name, out var program) ? program.Body : OwnThreads[name].Body, maskThreadIds);

    /// <summary>Like <see cref="Report(string, bool)"/> for any body.</summary>
    public static string Report(Func<SimulatedEventLoop, CancellationToken, Task> body, bool maskThreadIds)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = 5 });
        try
        {
            loop.RunUntilComplete(ct => body(loop, ct));
            return $"completed | {loop.Trace.Hash()}";
        }
#pragma warning disable CA1031 // The report is the outcome under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            string message = maskThreadIds ? ThreadId().Replace(ex.Message, "thread N") : ex.Message;
            return $"{ex.GetType().Name} | {message} | {loop.Trace.Hash()}";
        }
    }

    /// <summary>Adopted work of every kind: nested Task.Run, QueueUserWorkItem, SemaphoreSlim(token) and channel hand-offs.</summary>
    public static async Task AdoptedMixAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        var semaphore = new SemaphoreSlim(0);
        var channel = System.Threading.Channels.Channel.CreateUnbounded<int>();
        LoopTask<int> waiter = loop.CreateTask(async ct =>
        {
            await semaphore.WaitAsync(ct);
            int sum = 0;
            await foreach (int item in channel.Reader.ReadAllAsync(ct))
            {
                sum += item;
            }

            return sum;
        }, "waiter");
        LoopTask feeder = loop.CreateTask(async ct =>
        {
            int[] values = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
            {
                var queued = new TaskCompletionSource<int>();
                ThreadPool.QueueUserWorkItem(_ => queued.SetResult(i));
                return await queued.Task.ConfigureAwait(false);
            }, ct)));
            semaphore.Release();
            foreach (int value in values)
            {
                channel.Writer.TryWrite(value);
                await Task.Yield();
            }

            channel.Writer.Complete();
        }, "feeder");
        await feeder;
        int total = await waiter;
        if (total != 36)
        {
            throw new InvalidOperationException($"expected 36, got {total}");
        }
    }

    [GeneratedRegex(@"thread \d+")]
    private static partial Regex ThreadId();
}
