using SimLoop.Rewriting.TestLibrary;
using SimLoop.Rewriting.Tests.Support;

namespace SimLoop.Rewriting.Tests.TestLibrary;

/// <summary>
/// The test library, rewritten by the MSBuild integration of this project, on the simulated loop: no escape, one
/// trace per seed, virtual time and seeded randomness; and the original library escaping with thread-pool adoption
/// off (the "before": with adoption on, the default, its pool hops stay on the loop too).
/// </summary>
public sealed class RewrittenTestLibraryTests
{
    private static SimulationOptions RandomOrder(ulong seed) => new() { StrategyFactory = _ => new RandomStrategy(seed) };

    [Fact]
    public void TestLibrary_InOutputFolder_CarriesTheRewriterMarker()
    {
        AssemblyRewriter.IsRewritten(typeof(HandOff).Assembly.Location).ShouldBeTrue();
        AssemblyRewriter.IsRewritten(OriginalTestLibrary.Location).ShouldBeFalse();
    }

    [Fact]
    public void OriginalHandOff_OnTheLoopAdoptionOff_EscapesWithUncontrolledConcurrency()
    {
        var handOff = OriginalTestLibrary.Method<Func<int, CancellationToken, Task<string>>>(nameof(HandOff), nameof(HandOff.RunAsync));

        EscapingRun.Failure(ct => handOff(2, ct)).ShouldBeOfType<UncontrolledConcurrencyException>();
    }

    [Fact]
    public void OriginalOffloading_OnTheLoopAdoptionOff_EscapesWithUncontrolledConcurrency()
    {
        var sum = OriginalTestLibrary.Method<Func<int, Task<int>>>(nameof(Offloading), nameof(Offloading.SumAsync));

        EscapingRun.Failure(_ => sum(10)).ShouldBeOfType<UncontrolledConcurrencyException>();
    }

    [Fact]
    public void HandOff_100SeedsRunTwice_NoEscapeSameHashAndEveryTurnTaken()
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        for (ulong seed = 0; seed < 100; seed++)
        {
            string? first = null, second = null;
            SimulationRun one = Simulation.Run(seed, async (_, ct) => first = await HandOff.RunAsync(4, ct), RandomOrder(seed));
            SimulationRun two = Simulation.Run(seed, async (_, ct) => second = await HandOff.RunAsync(4, ct), RandomOrder(seed));

            one.Failure.ShouldBeNull($"seed {seed}");
            two.Failure.ShouldBeNull($"seed {seed}");
            two.Trace.Hash().ShouldBe(one.Trace.Hash(), $"seed {seed}");
            second.ShouldBe(first);
            string[] turns = first!.Split(',');
            turns.Where(t => t[0] == 'a').ShouldBe(["a0", "a1", "a2", "a3"]);
            turns.Where(t => t[0] == 'b').ShouldBe(["b0", "b1", "b2", "b3"]);
            hashes.Add(one.Trace.Hash());
        }

        hashes.Count.ShouldBeGreaterThan(1, "the scheduler reorders the rewritten library's steps");
    }

    [Fact]
    public void Offloading_InsideSimulation_RunsAsLoopTasksNamedAfterTheCaller()
    {
        int sum = 0;
        bool queued = false;
        Exception? failure = null;
        SimulationRun run = Simulation.Run(3, async (_, _) =>
        {
            sum = await Offloading.SumAsync(10);
            queued = await Offloading.QueueWorkItemAsync();
            try
            {
                await Offloading.FailAsync("boom");
            }
            catch (InvalidOperationException e)
            {
                failure = e;
            }
        });

        run.Failure.ShouldBeNull();
        sum.ShouldBe(1055);
        queued.ShouldBeTrue();
        failure!.Message.ShouldBe("boom");
        run.Trace.ToText().ShouldContain("/run");
    }

    [Fact]
    public void Clocks_InsideSimulation_ReadVirtualTime()
    {
        var start = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        ClockReading? reading = null;
        SimulationRun run = Simulation.Run(1, async (_, _) => reading = await Clocks.MeasureAsync(TimeSpan.FromSeconds(90)), new SimulationOptions { StartTime = start });

        run.Failure.ShouldBeNull();
        reading!.UtcBefore.ShouldBe(start.UtcDateTime);
        reading.UtcAfter.ShouldBe(start.UtcDateTime.AddSeconds(90));
        reading.OffsetAfter.ShouldBe(start.AddSeconds(90));
        reading.StopwatchElapsed.ShouldBe(TimeSpan.FromSeconds(90));
        reading.TimestampElapsed.ShouldBe(TimeSpan.FromSeconds(90));
        reading.TickCountElapsed.ShouldBe(90_000);
        run.VirtualTime.ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void Identifiers_InsideSimulation_SameForASeedDifferentAcrossSeeds()
    {
        (Guid Id, int Roll, int Shared, string Tag) Draw(ulong seed)
        {
            (Guid, int, int, string) drawn = default;
            SimulationRun run = Simulation.Run(seed, async (_, _) => drawn = (Identifiers.NewId(), Identifiers.Roll(), Identifiers.SharedRoll(), await Identifiers.TagAfterDelayAsync()));
            run.Failure.ShouldBeNull();
            return drawn;
        }

        var first = Draw(11);
        Draw(11).ShouldBe(first);
        Draw(12).Id.ShouldNotBe(first.Id);
        first.Id.Version.ShouldBe(4);
        first.Id.Variant.ShouldBe(8 | (first.Id.Variant & 0x3)); // RFC 4122 variant: the top bits are 10
    }

    [Fact]
    public void TestLibrary_OutsideSimulation_UsesTheRealClockAndRandomness()
    {
        Guid one = Identifiers.NewId(), two = Identifiers.NewId();
        one.ShouldNotBe(two);
        one.Version.ShouldBe(4);

        DateTime before = DateTime.UtcNow;
        DateTime read = Clocks.UtcNow();
        DateTime after = DateTime.UtcNow;
        read.ShouldBeInRange(before, after);

        long earlier = System.Diagnostics.Stopwatch.GetTimestamp();
        long stamp = Clocks.Timestamp();
        long later = System.Diagnostics.Stopwatch.GetTimestamp();
        stamp.ShouldBeInRange(earlier, later);
    }

    [Fact]
    public async Task Offloading_OutsideSimulation_BehavesAsTaskRun()
    {
        (await Offloading.SumAsync(10)).ShouldBe(1055);
        (await Offloading.QueueWorkItemAsync()).ShouldBeTrue();
        (await Should.ThrowAsync<InvalidOperationException>(() => Offloading.FailAsync("outside"))).Message.ShouldBe("outside");
        (await HandOff.RunAsync(2, TestContext.Current.CancellationToken)).Split(',').Length.ShouldBe(4);
    }

    [Fact]
    public void RacyCounter_FifoOver300Seeds_NeverLosesAnUpdate()
    {
        for (ulong seed = 0; seed < 300; seed++)
        {
            int counter = 0;
            SimulationRun run = Simulation.Run(seed, async (_, _) => counter = await RacyCounter.IncrementTwiceAsync());
            run.Failure.ShouldBeNull();
            counter.ShouldBe(2, $"seed {seed}");
        }
    }

    [Fact]
    public void RacyCounter_WithoutHeadStart_FifoLosesAnUpdate()
    {
        int counter = 0;
        SimulationRun run = Simulation.Run(0, async (_, _) => counter = await RacyCounter.IncrementTwiceAsync(secondHeadStart: 0));

        run.Failure.ShouldBeNull();
        counter.ShouldBe(1);
    }

    [Fact]
    public void RacyCounter_Exploration_FindsTheLostUpdateWithin100Iterations()
    {
        var options = new ExplorationOptions { Iterations = 100, FailureFolder = null, HonourEnvironment = false };

        var failure = Should.Throw<SimulationFailureException>(() => Simulation.Explore(async (_, _) =>
        {
            int counter = await RacyCounter.IncrementTwiceAsync();
            if (counter != 2)
            {
                throw new InvalidOperationException($"lost update: counter is {counter}");
            }
        }, options));

        failure.Message.ShouldContain("lost update");
    }
}
