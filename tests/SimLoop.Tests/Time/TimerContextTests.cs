using Shouldly;
using Xunit;

namespace SimLoop.Tests.Time;

/// <summary>
/// A timer callback runs in the execution context captured when it was created, and what it changes there (an
/// AsyncLocal, the synchronization context) does not leak into the callbacks after it, also when that context is
/// the loop thread's own (the loop then skips <see cref="ExecutionContext.Run"/>).
/// </summary>
public sealed class TimerContextTests
{
    private static readonly AsyncLocal<string?> s_local = new();

    [Fact]
    public void TimerCallback_InTheLoopThreadsOwnContext_ChangesToAsyncLocalsAndSyncContextDoNotLeak()
    {
        var loop = new SimulatedEventLoop();
        var seen = new List<string>();
        SynchronizationContext? before = SynchronizationContext.Current;
        loop.TimeProvider.CreateTimer(_ =>
        {
            seen.Add($"first: {s_local.Value ?? "none"}");
            s_local.Value = "set by the first";
            SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        loop.CallLater(TimeSpan.FromSeconds(2), () => seen.Add($"second: {s_local.Value ?? "none"}, sync context {(SynchronizationContext.Current is null ? "none" : "set")}"));

        loop.RunFor(TimeSpan.FromSeconds(3));

        seen.ShouldBe(["first: none", $"second: none, sync context {(before is null ? "none" : "set")}"]);
        s_local.Value.ShouldBeNull();
        SynchronizationContext.Current.ShouldBeSameAs(before);
    }

    [Fact]
    public void TimerCallback_ThatThrows_StillRestoresTheContext()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { FailOnUnhandledException = false });
        string? seenAfter = "not run";
        loop.CallLater(TimeSpan.FromSeconds(1), () =>
        {
            s_local.Value = "leaked?";
            throw new InvalidOperationException("boom");
        });
        loop.CallLater(TimeSpan.FromSeconds(2), () => seenAfter = s_local.Value);

        loop.RunFor(TimeSpan.FromSeconds(3));

        seenAfter.ShouldBeNull();
        s_local.Value.ShouldBeNull();
    }

    [Fact]
    public void TimerCallback_CreatedWithAnAsyncLocalSet_SeesItWhenItFires()
    {
        var loop = new SimulatedEventLoop();
        string? seen = null;
        s_local.Value = "captured";
        loop.TimeProvider.CreateTimer(_ => seen = s_local.Value, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        s_local.Value = null;

        loop.RunFor(TimeSpan.FromSeconds(2));

        seen.ShouldBe("captured");
        s_local.Value.ShouldBeNull();
    }
}
