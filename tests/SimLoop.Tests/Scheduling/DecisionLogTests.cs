using Shouldly;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.Scheduling;

/// <summary>The compact decision store must give back exactly the ready ids each strategy call saw.</summary>
public sealed class DecisionLogTests
{
    [Theory]
    [InlineData(1UL, true)]
    [InlineData(2UL, false)]
    [InlineData(3UL, true)]
    [InlineData(4UL, false)]
    public void Decisions_RebuildTheReadyIdsTheStrategySaw(ulong seed, bool recordTrace)
    {
        var spy = new SpyStrategy(new RandomStrategy(seed));
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed, StrategyFactory = _ => spy, RecordTrace = recordTrace });
        loop.RunUntilComplete(async _ =>
        {
            var tasks = new List<LoopTask>();
            for (int i = 0; i < 12; i++)
            {
                int n = i;
                tasks.Add(loop.CreateTask(async ct =>
                {
                    for (int k = 0; k < 6; k++)
                    {
                        await Task.Yield();
                        if ((n + k) % 3 == 0)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(n % 4), loop.TimeProvider, ct);
                        }

                        // Plain callbacks, some cancelled before they run, exercise removals that are not decisions.
                        Handle h = loop.CallSoon(static () => { });
                        if (k % 2 == 0)
                        {
                            h.Cancel();
                        }
                    }
                }));
            }

            foreach (LoopTask t in tasks)
            {
                await t;
            }
        });

        IReadOnlyList<ScheduleDecision> decisions = loop.Trace.Decisions;
        decisions.Count.ShouldBe(spy.Seen.Count);
        decisions.Count.ShouldBeGreaterThan(50);
        for (int i = 0; i < decisions.Count; i++)
        {
            decisions[i].ReadyTaskIds.ShouldBe(spy.Seen[i], $"decision {i}");
            decisions[i].Chosen.ShouldBe(spy.Chosen[i]);
        }

        // Random access in any order gives the same answers as sequential reads.
        for (int i = decisions.Count - 1; i >= 0; i -= 7)
        {
            decisions[i].ReadyTaskIds.ShouldBe(spy.Seen[i]);
        }

        if (recordTrace)
        {
            var texts = loop.Trace.Entries.Where(e => e.Kind == TraceEntryKind.Decision).Select(e => e.Text!).ToList();
            texts.ShouldBe(spy.Seen.Select(ids => string.Join(',', ids)).ToList());
            loop.Trace.Entries.Where(e => e.Kind == TraceEntryKind.Decision).ShouldAllBe(e => e.TaskId == 0);
        }
    }

    [Theory]
    [InlineData(5UL, false)]
    [InlineData(6UL, true)]
    public void Decisions_WhenManyStepsAreReadyAtOnce_RebuildTheReadyIdsTheStrategySaw(ulong seed, bool fifo)
    {
        // Steps of one iteration append their next steps beyond the iteration's ready set (the ntodo snapshot).
        IScheduleStrategy inner = fifo ? FifoStrategy.Instance : new RandomStrategy(seed);
        var spy = new SpyStrategy(inner);
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed, StrategyFactory = _ => spy, RecordTrace = false });
        ReleaseManyAtOnce(loop, 40);

        IReadOnlyList<ScheduleDecision> decisions = loop.Trace.Decisions;
        decisions.Count.ShouldBe(spy.Seen.Count);
        for (int i = 0; i < decisions.Count; i++)
        {
            decisions[i].ReadyTaskIds.ShouldBe(spy.Seen[i], $"decision {i}");
        }
    }

    [Fact]
    public void Decisions_WhenManyStepsAreReadyAtOnce_TakeMemoryLinearInTheSteps()
    {
        // 4,000 tasks released at once, each yielding twice: every decision of an iteration sees the rest of that
        // iteration's ready set. Stored in full each time, that is ~n^2/2 ids (about 16 KB per step here); as a delta
        // on the previous decision it is a few bytes.
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = 1, RecordTrace = false, BlockingStepTimeout = null });
        long before = GC.GetAllocatedBytesForCurrentThread();
        ReleaseManyAtOnce(loop, 4_000);
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / loop.StepCount;
        perStep.ShouldBeLessThan(4_000, "allocated bytes per step");
    }

    private static void ReleaseManyAtOnce(SimulatedEventLoop loop, int tasks)
    {
        LoopFuture<int> gate = loop.CreateFuture<int>();
        var all = new List<LoopTask>();
        for (int i = 0; i < tasks; i++)
        {
            all.Add(loop.CreateTask(async _ =>
            {
                await gate;
                await Task.Yield();
                await Task.Yield();
            }));
        }

        loop.RunFor(TimeSpan.Zero);
        gate.SetResult(0);
        loop.RunFor(TimeSpan.Zero);
        all.ShouldAllBe(t => t.IsDone && !t.IsCancelled);
    }

    [Fact]
    public void AddDecision_WithExplicitIds_IsKeptAsGiven()
    {
        var trace = new ScheduleTrace();
        trace.AddDecision(new ScheduleDecision(3, 1, [5, 6, 7]), 10);
        trace.AddDecision(new ScheduleDecision(4, 0, [6, 7]), 10);
        trace.Decisions[1].ReadyTaskIds.ShouldBe([6L, 7L]);
        trace.Decisions[0].ReadyTaskIds.ShouldBe([5L, 6L, 7L]);
        trace.ToText().ShouldBe("10 decide 1 of [5,6,7]\n10 decide 0 of [6,7]\n");
        trace.Choices().ShouldBe([1, 0]);
    }

    private sealed class SpyStrategy(IScheduleStrategy inner) : IScheduleStrategy
    {
        public List<long[]> Seen { get; } = new();

        public List<int> Chosen { get; } = new();

        public string Description => inner.Description;

        public int NextStep(in ReadySet ready)
        {
            var ids = new long[ready.Count];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = ready.TaskIdAt(i);
            }

            Seen.Add(ids);
            int choice = inner.NextStep(ready);
            Chosen.Add(choice);
            return choice;
        }
    }
}
