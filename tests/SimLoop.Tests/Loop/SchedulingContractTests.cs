using Shouldly;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>The scheduling contract of docs/architecture.md: one test per rule, named after it.</summary>
public sealed class SchedulingContractTests
{
    /// <summary>Picks index 0 at its first decision, then always the newest ready step.</summary>
    private sealed class FirstThenNewest : IScheduleStrategy
    {
        public List<int> Counts { get; } = new();

        public string Description => "first-then-newest";

        public int NextStep(in ReadySet ready)
        {
            Counts.Add(ready.Count);
            return Counts.Count == 1 ? 0 : ready.Count - 1;
        }
    }

    /// <summary>Always the newest ready step.</summary>
    private sealed class Newest : IScheduleStrategy
    {
        public string Description => "newest";

        public int NextStep(in ReadySet ready) => ready.Count - 1;
    }

    [Fact]
    public void Rule7_AnIterationRunsExactlyTheHandlesReadyWhenItBegan_AndTheStrategyChoosesOnlyAmongThem()
    {
        var strategy = new FirstThenNewest();
        var loop = new SimulatedEventLoop(new SimulationOptions { StrategyFactory = _ => strategy });
        var order = new List<string>();
        loop.CallSoon(() => { order.Add("x"); loop.CallSoon(() => order.Add("z (scheduled by x)")); });
        loop.CallSoon(() => order.Add("y"));
        loop.CallSoon(() => order.Add("w"));
        loop.CallSoon(loop.Stop);
        loop.RunForever();
        loop.RunFor(TimeSpan.Zero);

        // x ran first; what x scheduled was not offered in the same iteration: the newest of the snapshot ran next.
        order.ShouldBe(["x", "w", "y", "z (scheduled by x)"]);
        strategy.Counts.ShouldBe([4, 3, 2]);
    }

    [Fact]
    public void Rule8_RunFor_SettlesInsideTheLoop_UnderPctDepthOne_WithATaskThatYields()
    {
        for (ulong seed = 0; seed < 40; seed++)
        {
            var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed, StrategyFactory = _ => new PctStrategy(seed, depth: 1, expectedSteps: 10), MaxSteps = 10_000 });
            int yields = 0;
            LoopTask task = loop.CreateTask(async ct =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, ct); // wakes at the RunFor target
                for (int i = 0; i < 3; i++)
                {
                    await Task.Yield();
                    yields++;
                }
            });
            loop.RunFor(TimeSpan.FromMilliseconds(1));
            task.IsDone.ShouldBeTrue($"seed {seed}");
            yields.ShouldBe(3);
            loop.Clock.Elapsed.ShouldBe(TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public void Rule8_RunFor_WithAStrategyThatAlwaysPicksTheNewestStep_RunsEveryStep()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { StrategyFactory = _ => new Newest(), MaxSteps = 10_000 });
        var done = new List<string>();
        foreach (string name in new[] { "a", "b", "c" })
        {
            loop.CreateTask(async ct =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, ct); // wakes at the RunFor target
                for (int i = 0; i < 3; i++)
                {
                    await Task.Yield();
                }

                done.Add(name);
            }, name);
        }

        loop.RunFor(TimeSpan.Zero); // the tasks start and schedule their delays before the RunFor deadline below exists
        loop.RunFor(TimeSpan.FromMilliseconds(1));
        done.ShouldBe(["c", "b", "a"], ignoreOrder: true);
        done.Count.ShouldBe(3);
    }

    [Fact]
    public void Rule8_NestedRunFor_WhoseTargetLiesPastTheOuterTarget_Returns()
    {
        var loop = new SimulatedEventLoop();
        var fired = new List<TimeSpan>();
        loop.CallLater(TimeSpan.FromSeconds(1), () => loop.RunFor(TimeSpan.FromSeconds(5)));
        loop.CallLater(TimeSpan.FromSeconds(3), () => fired.Add(loop.Clock.Elapsed));
        loop.RunFor(TimeSpan.FromSeconds(2));
        fired.ShouldBe([TimeSpan.FromSeconds(3)]);
        loop.Clock.Elapsed.ShouldBe(TimeSpan.FromSeconds(6)); // the nested advance went on past the outer target
    }

    [Fact]
    public void Rule9_PctPrioritiesLoweredAtChangePoints_StayBelowEveryTaskFirstSeenLater()
    {
        // A or B is lowered at the first decision; the four tasks first seen later must all rank above it.
        for (ulong seed = 0; seed < 50; seed++)
        {
            var pct = new PctStrategy(seed, depth: 2, expectedSteps: 1); // the change point is decision 1
            var watch = new LoweredWatch(pct);
            var loop = new SimulatedEventLoop(new SimulationOptions { StrategyFactory = _ => watch });
            loop.RunUntilComplete(async _ =>
            {
                LoopTask a = loop.CreateTask(async _ => { await Task.Yield(); await Task.Yield(); }, "A");
                LoopTask b = loop.CreateTask(async _ =>
                {
                    await Task.Yield();
                    LoopTask[] later = Enumerable.Range(0, 4).Select(i => loop.CreateTask(async _ => await Task.Yield(), $"late{i}")).ToArray();
                    foreach (LoopTask t in later)
                    {
                        await t;
                    }
                }, "B");
                await a;
                await b;
            });
            pct.ChangePoints.ShouldBe([1]);
            pct.PriorityOrder.Count.ShouldBeGreaterThanOrEqualTo(6);
            pct.PriorityOrder[^1].ShouldBe(watch.Lowered, $"seed {seed}: the task lowered at the change point must stay below every later task");
        }
    }

    /// <summary>Remembers which task the PCT strategy lowered at its first decision.</summary>
    private sealed class LoweredWatch(PctStrategy pct) : IScheduleStrategy
    {
        public long Lowered { get; private set; } = -1;

        public string Description => pct.Description;

        public int NextStep(in ReadySet ready)
        {
            int choice = pct.NextStep(ready);
            if (Lowered < 0)
            {
                Lowered = pct.PriorityOrder[^1];
            }

            return choice;
        }
    }

    [Fact]
    public void Rule9_NoStrategyCanStarveAReadyStep()
    {
        // A strategy that always picks the newest step, and a task that re-posts itself forever: the other task still
        // runs, because every step of an iteration's snapshot runs in that iteration.
        var loop = new SimulatedEventLoop(new SimulationOptions { StrategyFactory = _ => new Newest(), MaxSteps = 1_000 });
        bool otherRan = false;
        loop.CreateTask(async _ => { await Task.Yield(); otherRan = true; }, "other");
        loop.CreateTask(async ct =>
        {
            while (!otherRan)
            {
                await Task.Yield();
            }
        }, "spinner");
        loop.RunFor(TimeSpan.Zero);
        otherRan.ShouldBeTrue();
    }
}
