using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using SimLoop.Exploration;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.Scheduling;

using Simulation = SimLoop.Simulation;

public sealed class PctStrategyTests
{
    // Every ready step of an iteration runs in that iteration (asyncio's rule), so an ordering constraint is an order
    // within one iteration. A before B in the first iteration, B before A in the second: one change of priority (depth 2).
    private static readonly Func<SimulatedEventLoop, CancellationToken, Task> s_depthTwoBug = async (loop, ct) =>
    {
        int a = 0, seen1 = -1, seen2 = -1;
        LoopTask ta = loop.CreateTask(async _ => { a = 1; await Task.Yield(); a = 2; }, "A");
        LoopTask tb = loop.CreateTask(async _ => { seen1 = a; await Task.Yield(); seen2 = a; }, "B");
        await ta;
        await tb;
        if (seen1 == 1 && seen2 == 1)
        {
            throw new InvalidOperationException("B ran after A, then before A");
        }
    };

    // A before B, then B before A, then A before B: two changes of priority (depth 3).
    private static readonly Func<SimulatedEventLoop, CancellationToken, Task> s_depthThreeBug = async (loop, ct) =>
    {
        int a = 0, seen1 = -1, seen2 = -1, seen3 = -1;
        LoopTask ta = loop.CreateTask(async _ => { a = 1; await Task.Yield(); a = 2; await Task.Yield(); a = 3; }, "A");
        LoopTask tb = loop.CreateTask(async _ => { seen1 = a; await Task.Yield(); seen2 = a; await Task.Yield(); seen3 = a; }, "B");
        await ta;
        await tb;
        if (seen1 == 1 && seen2 == 1 && seen3 == 3)
        {
            throw new InvalidOperationException("B ran after A, before A, then after A again");
        }
    };

    [Fact]
    public void ChangePoints_AreDepthMinusOneDistinctPointsInOneToK()
    {
        Arbitrary<(int Seed, int Depth, int K)> args = Gen.Choose(0, int.MaxValue)
            .Zip(Gen.Choose(1, 6).Zip(Gen.Choose(1, 40)), (s, dk) => (s, dk.Item1, dk.Item2)).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(args, a =>
        {
            var pct = new PctStrategy((ulong)a.Seed, a.Depth, a.K);
            return pct.ChangePoints.Count == Math.Min(a.Depth - 1, a.K)
                && pct.ChangePoints.Distinct().Count() == pct.ChangePoints.Count
                && pct.ChangePoints.All(c => c >= 1 && c <= a.K)
                && pct.ChangePoints.SequenceEqual(pct.ChangePoints.Order());
        }));
    }

    [Fact]
    public void ChangePoints_CoverEveryStep()
    {
        var seen = new HashSet<int>();
        for (ulong seed = 0; seed < 200; seed++)
        {
            seen.UnionWith(new PctStrategy(seed, 2, 10).ChangePoints);
        }

        seen.Order().ShouldBe(Enumerable.Range(1, 10));
    }

    [Fact]
    public void DepthOne_RunsEveryIterationInOneRandomPriorityOrder()
    {
        var orders = new HashSet<string>();
        for (ulong seed = 0; seed < 100; seed++)
        {
            var order = new List<string>();
            SimulationRun run = Simulation.Run(seed, ThreeWorkers(order), new SimulationOptions { StrategyFactory = _ => new PctStrategy(seed, 1, 20) });
            run.Failed.ShouldBeFalse();
            string[] iterations = Iterations(order);
            iterations.Distinct().Count().ShouldBe(1, $"seed {seed}: no change of order without change points, got {string.Join("|", iterations)}");
            orders.Add(iterations[0]);
        }

        orders.Count.ShouldBe(6); // every priority permutation of three tasks appears
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void OrderChanges_AreAtMostDepthMinusOne(int depth)
    {
        for (ulong seed = 0; seed < 100; seed++)
        {
            var order = new List<string>();
            Simulation.Run(seed, ThreeWorkers(order), new SimulationOptions { StrategyFactory = _ => new PctStrategy(seed, depth, 12) });
            string[] iterations = Iterations(order);
            int changes = iterations.Where((s, i) => i > 0 && iterations[i - 1] != s).Count();
            changes.ShouldBeLessThanOrEqualTo(depth - 1, $"seed {seed}: {string.Join("|", iterations)}");
        }
    }

    /// <summary>The three workers' steps, one string per loop iteration (each iteration runs one step of each).</summary>
    private static string[] Iterations(List<string> order) =>
        Enumerable.Range(0, order.Count / 3).Select(i => string.Concat(order.Skip(3 * i).Take(3))).ToArray();

    [Fact]
    public void DepthTwoBug_NeverFoundAtDepthOne_FoundAtDepthTwo()
    {
        FirstFailingSeed(s_depthTwoBug, depth: 1, seeds: 300).ShouldBeNull();
        FirstFailingSeed(s_depthTwoBug, depth: 2, seeds: 100).ShouldNotBeNull();
    }

    [Fact]
    public void DepthThreeBug_NeverFoundAtDepthTwo_FoundAtDepthThree()
    {
        FirstFailingSeed(s_depthThreeBug, depth: 2, seeds: 300).ShouldBeNull();
        FirstFailingSeed(s_depthThreeBug, depth: 3, seeds: 200).ShouldNotBeNull();
    }

    [Fact]
    public void Constructor_RejectsBadParameters()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new PctStrategy(0, 0, 10)).ParamName.ShouldBe("depth");
        Should.Throw<ArgumentOutOfRangeException>(() => new PctStrategy(0, 2, 0)).ParamName.ShouldBe("expectedSteps");
    }

    private static ulong? FirstFailingSeed(Func<SimulatedEventLoop, CancellationToken, Task> body, int depth, int seeds)
    {
        for (ulong seed = 0; seed < (ulong)seeds; seed++)
        {
            if (Simulation.Run(seed, body, new SimulationOptions { StrategyFactory = _ => new PctStrategy(seed, depth, 4) }).Failed)
            {
                return seed;
            }
        }

        return null;
    }

    private static Func<SimulatedEventLoop, CancellationToken, Task> ThreeWorkers(List<string> order) => async (loop, ct) =>
    {
        async Task Work(string name)
        {
            for (int i = 0; i < 4; i++)
            {
                order.Add(name);
                await Task.Yield();
            }
        }

        LoopTask[] tasks = new[] { "x", "y", "z" }.Select(n => loop.CreateTask(_ => Work(n), n)).ToArray();
        foreach (LoopTask t in tasks)
        {
            await t;
        }
    };
}
