using System.Reflection;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.Interception;

/// <summary>Task.Run and TaskFactory.StartNew on the default scheduler become loop tasks with Task.Run's semantics.</summary>
public sealed class RewrittenOffloadingTests : IDisposable
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        public static class Offload
        {
            public static Task<int> StartNewDefault() =>
                Task.Factory.StartNew(() => Environment.CurrentManagedThreadId, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            public static Task RunCancelledBeforeStart()
            {
                using var cts = new CancellationTokenSource();
                cts.Cancel();
                return Task.Run(() => { }, cts.Token);
            }

            public static Task RunThrowingCancellation(CancellationTokenSource cts) =>
                Task.Run(() => { cts.Cancel(); cts.Token.ThrowIfCancellationRequested(); }, cts.Token);

            public static Task RunNullInner() => Task.Run(() => (Task)null!);

            public static Task RunAggregate() => Task.Run(() => Task.WhenAll(
                Task.FromException(new InvalidOperationException("one")), Task.FromException(new ArgumentException("two"))));

            public static Task<int> RunValue() => Task.Run(async () => { await Task.Yield(); return 42; });
        }
        """;

    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    private Assembly Build()
    {
        string output = Path.Combine(_compiler.Directory, "out", "Offload.dll");
        new AssemblyRewriter().Rewrite(_compiler.Compile("Offload", Source), output).Diagnostics.ShouldBeEmpty();
        return SnippetCompiler.Load(output);
    }

    private static SimulationRun RunInside(Func<Task> body) =>
        Simulation.Run(0, async (_, _) => await body());

    [Fact]
    public void StartNewOnTheDefaultScheduler_InsideSimulation_RunsOnTheLoopThread()
    {
        var startNew = SnippetCompiler.Method<Func<Task<int>>>(Build(), "Offload", "StartNewDefault");
        int loopThread = 0, workThread = -1;

        SimulationRun run = RunInside(async () => { loopThread = Environment.CurrentManagedThreadId; workThread = await startNew(); });

        run.Failure.ShouldBeNull();
        workThread.ShouldBe(loopThread);
        run.Trace.ToText().ShouldContain("/run");
    }

    [Fact]
    public void TaskRun_InsideSimulation_KeepsTaskRunsOutcomes()
    {
        Assembly assembly = Build();
        Task? cancelledBefore = null, cancelledInside = null, nullInner = null, aggregate = null;
        int value = 0;
        using var cts = new CancellationTokenSource();

        SimulationRun run = RunInside(async () =>
        {
            cancelledBefore = SnippetCompiler.Method<Func<Task>>(assembly, "Offload", "RunCancelledBeforeStart")();
            cancelledInside = SnippetCompiler.Method<Func<CancellationTokenSource, Task>>(assembly, "Offload", "RunThrowingCancellation")(cts);
            nullInner = SnippetCompiler.Method<Func<Task>>(assembly, "Offload", "RunNullInner")();
            aggregate = SnippetCompiler.Method<Func<Task>>(assembly, "Offload", "RunAggregate")();
            value = await SnippetCompiler.Method<Func<Task<int>>>(assembly, "Offload", "RunValue")();
            await ((Task)Task.WhenAll(cancelledInside, nullInner, aggregate)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        });

        run.Failure.ShouldBeNull();
        value.ShouldBe(42);
        cancelledBefore!.IsCanceled.ShouldBeTrue();
        cancelledInside!.IsCanceled.ShouldBeTrue();
        nullInner!.IsCanceled.ShouldBeTrue();
        aggregate!.IsFaulted.ShouldBeTrue();
        aggregate.Exception!.InnerExceptions.Select(e => e.Message).ShouldBe(["one", "two"]);
    }

    [Fact]
    public async Task TaskRun_OutsideSimulation_HasTheSameOutcomes()
    {
        Assembly assembly = Build();
        using var cts = new CancellationTokenSource();
        Task cancelledBefore = SnippetCompiler.Method<Func<Task>>(assembly, "Offload", "RunCancelledBeforeStart")();
        Task cancelledInside = SnippetCompiler.Method<Func<CancellationTokenSource, Task>>(assembly, "Offload", "RunThrowingCancellation")(cts);
        Task nullInner = SnippetCompiler.Method<Func<Task>>(assembly, "Offload", "RunNullInner")();
        Task aggregate = SnippetCompiler.Method<Func<Task>>(assembly, "Offload", "RunAggregate")();

        (await SnippetCompiler.Method<Func<Task<int>>>(assembly, "Offload", "RunValue")()).ShouldBe(42);
        await Task.WhenAll(cancelledBefore, cancelledInside, nullInner, aggregate).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        cancelledBefore.IsCanceled.ShouldBeTrue();
        cancelledInside.IsCanceled.ShouldBeTrue();
        nullInner.IsCanceled.ShouldBeTrue();
        aggregate.Exception!.InnerExceptions.Select(e => e.Message).ShouldBe(["one", "two"]);
    }
}
