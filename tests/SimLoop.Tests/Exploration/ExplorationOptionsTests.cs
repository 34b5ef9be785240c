using Shouldly;
using SimLoop.Exploration;
using Xunit;

namespace SimLoop.Tests.Exploration;

using Simulation = SimLoop.Simulation;

public sealed class ExplorationOptionsTests
{
    [Fact]
    public void FailingSeeds_DoNotDependOnParallelism()
    {
        ExplorationResult Explore(int parallelism)
        {
            ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Portfolio, 120);
            options.DegreeOfParallelism = parallelism;
            options.StopOnFirstFailure = false;
            options.ThrowOnFailure = false;
            options.Shrink = false;
            return Simulation.Explore(RacyBodies.LostUpdate, options);
        }

        ExplorationResult sequential = Explore(1);
        ExplorationResult parallel = Explore(2);
        sequential.Failures.Count.ShouldBeGreaterThan(0);
        parallel.Failures.Select(f => f.Seed).ShouldBe(sequential.Failures.Select(f => f.Seed));
        parallel.Steps.ShouldBe(sequential.Steps);
        parallel.SimulatedTime.ShouldBe(sequential.SimulatedTime);
    }

    [Fact]
    public void FirstFailure_DoesNotDependOnParallelism()
    {
        FailureReport First(int parallelism)
        {
            ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Random, 200);
            options.DegreeOfParallelism = parallelism;
            return Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.LockOrderDeadlock, options)).Report;
        }

        FailureReport sequential = First(1);
        FailureReport parallel = First(2);
        parallel.Seed.ShouldBe(sequential.Seed);
        parallel.Iteration.ShouldBe(sequential.Iteration);
        parallel.ScheduleText.ShouldBe(sequential.ScheduleText);
    }

    [Fact]
    public void Shards_AreDisjointSlicesOfTheSeedSpace()
    {
        ulong[] Seeds(int index, int count, int iterations)
        {
            var options = new ExplorationOptions { ShardIndex = index, ShardCount = count, Strategy = ExplorationStrategy.Random };
            var plan = new IterationPlan(options, 1);
            return Enumerable.Range(0, iterations).Select(i => plan.SeedOf(i)).ToArray();
        }

        ulong[] whole = Seeds(0, 1, 30);
        ulong[] even = Seeds(0, 2, 15);
        ulong[] odd = Seeds(1, 2, 15);
        even.Intersect(odd).ShouldBeEmpty();
        even.Concat(odd).Order().ShouldBe(whole.Order());
    }

    [Fact]
    public void Portfolio_RotatesStrategiesAcrossIterations()
    {
        var plan = new IterationPlan(new ExplorationOptions(), 10);
        string[] kinds = Enumerable.Range(0, 8).Select(i => plan.StrategyFor(plan.SeedOf(i)).Description.Split("seed=")[0]).ToArray();
        kinds[..4].ShouldBe(["random(", "pct(depth=1,k=10,", "pct(depth=2,k=10,", "pct(depth=3,k=10,"]);
        // The swarm half: its PCT 2 and 3 put change points on deliveries too, so k counts decisions and deliveries.
        kinds[4..].ShouldBe(["random(", "pct(depth=1,k=10,", "pct(depth=2,k=20,", "pct(depth=3,k=20,"]);
        plan.StrategyFor(plan.SeedOf(7)).Description.ShouldEndWith(",deliveries)");
        plan.OptionsFor(plan.SeedOf(7), plan.StrategyFor(plan.SeedOf(7))).ChoiceBias.ShouldNotBeNull();
        plan.OptionsFor(plan.SeedOf(3), plan.StrategyFor(plan.SeedOf(3))).ChoiceBias.ShouldBeNull();
    }

    [Fact]
    public void Environment_SeedAndReplayFile_AreHonoured()
    {
        var options = new ExplorationOptions();
        var env = new Dictionary<string, string> { ["SIMLOOP_SEED"] = "18446744073709551615", ["SIMLOOP_REPLAY"] = "x.json" };
        Simulation.ApplyEnvironment(options, name => env.GetValueOrDefault(name));
        options.OnlySeed.ShouldBe(ulong.MaxValue);
        options.ReplayFile.ShouldBe("x.json");
        env["SIMLOOP_SEED"] = "12abc";
        Should.Throw<FormatException>(() => Simulation.ApplyEnvironment(options, name => env.GetValueOrDefault(name))).Message.ShouldContain("SIMLOOP_SEED");
    }

    [Fact]
    public void ReplayFile_RunsOnlyThatSchedule()
    {
        string folder = Path.Combine(Path.GetTempPath(), "simloop-tests", Path.GetRandomFileName());
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Random, 100);
        options.FailureFolder = folder;
        FailureReport found = Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.CheckThenAct, options)).Report;
        options.ReplayFile = found.TraceFilePath;
        FailureReport replayed = Should.Throw<SimulationFailureException>(() => Simulation.Explore(RacyBodies.CheckThenAct, options)).Report;
        replayed.Iteration.ShouldBeNull();
        replayed.Trace.Hash().ShouldBe(found.MinimizedTrace.Hash());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void CheckDeterminism_ReportsFirstDifferingEntry()
    {
        int runs = 0;
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Fifo, 3);
        options.CheckDeterminism = true;
        var ex = Should.Throw<NondeterminismException>(() => Simulation.Explore(async (loop, ct) =>
        {
            // State that survives between runs makes the second run of a seed different.
            await Task.Delay(TimeSpan.FromMilliseconds(++runs), loop.TimeProvider, ct);
        }, options));
        ex.Message.ShouldContain("First difference at entry");
        ex.Message.ShouldContain("first run:");
    }

    [Fact]
    public void CheckDeterminism_PassesDeterministicBody()
    {
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Portfolio, 20);
        options.CheckDeterminism = true;
        Simulation.Explore(SimLoop.Tests.Scheduling.ChoiceListStrategyTests.Workers(3), options).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Progress_IsReportedAfterEveryIteration()
    {
        var seen = new List<ExplorationProgress>();
        ExplorationOptions options = RacyBodies.Options(ExplorationStrategy.Fifo, 7);
        options.Progress = seen.Add;
        Simulation.Explore(RacyBodies.LostUpdate, options);
        seen.Select(p => p.IterationsDone).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        seen.ShouldAllBe(p => p.Iterations == 7 && p.Failures == 0);
    }

    [Fact]
    public void Validate_EveryBadValue_OneExceptionNamesEachPropertyAndItsFix()
    {
        var options = new ExplorationOptions
        {
            Iterations = 0,
            Strategy = (ExplorationStrategy)42,
            PctDepth = 0,
            PctExpectedSteps = 0,
            PreemptionBound = -1,
            DegreeOfParallelism = 0,
            ShardIndex = 2,
            ShardCount = 2,
            ShrinkBudget = -1,
            Simulation = new SimulationOptions { MaxSteps = 0, TimerJitter = TimeSpan.FromTicks(-1) },
        };

        var error = Should.Throw<OptionsValidationException>(options.Validate);

        error.ParamName.ShouldBe("options");
        error.Problems.Select(p => p.Property).ShouldBe(
        [
            "Iterations", "Strategy", "PctDepth", "PctExpectedSteps", "PreemptionBound", "DegreeOfParallelism", "ShardIndex",
            "ShrinkBudget", "Simulation.MaxSteps", "Simulation.TimerJitter",
        ]);
        error.Message.ShouldContain("options.Iterations must be at least 1 (it is 0)");
        error.Message.ShouldContain("options.Strategy must be a defined ExplorationStrategy (Fifo, Random, Pct, Portfolio, Exhaustive, Swarm; it is 42)");
        error.Message.ShouldContain("options.ShardIndex must be from 0 to ShardCount - 1 (1;");
        error.Message.ShouldContain("options.Simulation.MaxSteps must be positive, or null for no bound (it is 0)");
        error.Message.ShouldContain("options.Simulation.TimerJitter cannot be negative");
    }

    [Fact]
    public void Explore_BadValue_FailsBeforeAnyIteration()
    {
        int runs = 0;
        var options = new ExplorationOptions { Iterations = 3, ShrinkBudget = -1, HonourEnvironment = false, FailureFolder = null, Simulation = null! };

        var error = Should.Throw<OptionsValidationException>(() => Simulation.Explore((_, _) => { runs++; return Task.CompletedTask; }, options));

        error.Problems.Select(p => p.Property).ShouldBe(["ShrinkBudget", "Simulation"]);
        error.Message.ShouldContain("options.Simulation is required (new SimulationOptions() for the defaults)");
        runs.ShouldBe(0);
    }

    [Fact]
    public void Explore_BoundsOfTheSimulationTemplate_ApplyToEveryIteration()
    {
        var options = new ExplorationOptions
        {
            Iterations = 2,
            Strategy = ExplorationStrategy.Random,
            ThrowOnFailure = false,
            StopOnFirstFailure = false,
            Shrink = false,
            FailureFolder = null,
            HonourEnvironment = false,
            Simulation = new SimulationOptions { MaxSteps = 10 },
        };

        ExplorationResult result = Simulation.Explore(async (loop, ct) =>
        {
            for (int i = 0; i < 100; i++)
            {
                await Task.Yield();
            }
        }, options);

        result.Failures.Count.ShouldBe(2);
        result.Failures.ShouldAllBe(f => f.Exception is SimulationLimitException);
    }

    [Fact]
    public void Defaults_AreValid() => Should.NotThrow(new ExplorationOptions().Validate);
}
