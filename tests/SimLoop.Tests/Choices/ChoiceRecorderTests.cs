using Shouldly;
using SimLoop.Choices;
using SimLoop.Exploration;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scheduling;
using SimLoop.Tests.Hosts.Systems;
using Xunit;

namespace SimLoop.Tests.Choices;

using Simulation = SimLoop.Simulation;

public sealed class ChoiceRecorderTests
{
    [Fact]
    public void GetRandom_EveryMemberOfRandom_IsOneRecordedChoiceOfItsStream()
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = 4 });
        Random random = loop.GetRandom("probe");
        int next = random.Next();
        int below = random.Next(10);
        int between = random.Next(-5, 5);
        long next64 = random.NextInt64();
        long below64 = random.NextInt64(1000);
        long between64 = random.NextInt64(-1000, 1000);
        double fraction = random.NextDouble();
        float single = random.NextSingle();
        byte[] bytes = new byte[12];
        random.NextBytes(bytes);
        int[] items = [1, 2, 3];
        random.Shuffle(items);

        IReadOnlyList<Choice> made = loop.Choices.Kept();
        made.ShouldAllBe(c => c.Stream == "probe");
        made.Select(c => c.Kind).ShouldBe([
            ChoiceKind.Integer, ChoiceKind.Integer, ChoiceKind.Integer, ChoiceKind.Integer, ChoiceKind.Integer, ChoiceKind.Integer,
            ChoiceKind.Fraction, ChoiceKind.SingleFraction, ChoiceKind.Bytes, ChoiceKind.Bytes, ChoiceKind.Integer, ChoiceKind.Integer]);
        ((ulong)next).ShouldBe(made[0].Value);
        ((ulong)below).ShouldBe(made[1].Value);
        ((ulong)(between + 5)).ShouldBe(made[2].Value); // offset from the smallest value: 0 is the simplest
        ((ulong)(between64 + 1000)).ShouldBe(made[5].Value);
        fraction.ShouldBe(made[6].Value / (double)(1UL << 53));
        (below64 >= 0 && below64 < 1000 && next64 >= 0 && single >= 0 && single < 1).ShouldBeTrue();
    }

    [Fact]
    public void Run_EveryStreamOfTheSimulation_IsInTheChoiceSequence()
    {
        var options = new SimulationOptions
        {
            Seed = 11,
            StrategyFactory = _ => new RandomStrategy(11),
            Buggify = true,
            ShuffleSimultaneousTimers = true,
            TimerJitter = TimeSpan.FromMilliseconds(1),
        };
        SimulationRun run = Simulation.Run(11, NetworkedBody, options);

        run.Failure.ShouldBeNull();
        string[] streams = run.ChoiceSequence.Select(c => c.Stream).Distinct().ToArray();
        streams.ShouldContain(RandomStreams.Scheduler);
        streams.ShouldContain(RandomStreams.TimerOrder);
        streams.ShouldContain(RandomStreams.TimerJitter);
        streams.ShouldContain(RandomStreams.NetworkLatency);
        streams.ShouldContain(RandomStreams.NetworkLoss);
        streams.ShouldContain(RandomStreams.ForBuggifySite("probe-site"));
        streams.ShouldContain(RandomStreams.User);
        run.ChoicesMade.ShouldBe(run.ChoiceSequence.Count);
        run.ChoiceSequence.Count(c => c.Kind == ChoiceKind.Pick).ShouldBe(run.Trace.Decisions.Count);
    }

    [Fact]
    public void ReplayChoices_OfARecordedRun_ReproducesItWithoutTheSeed()
    {
        var options = new SimulationOptions { StrategyFactory = _ => new RandomStrategy(5), Buggify = true, TimerJitter = TimeSpan.FromMilliseconds(1) };
        SimulationRun recorded = Simulation.Run(5, NetworkedBody, options);

        var other = new SimulationOptions { Seed = 987654321, Buggify = true, TimerJitter = TimeSpan.FromMilliseconds(1) };
        SimulationRun replayed = Simulation.ReplayChoices(recorded.ChoiceSequence, NetworkedBody, other);

        replayed.Failure.ShouldBeNull();
        replayed.ChoiceMismatch.ShouldBeNull();
        replayed.Trace.Hash().ShouldBe(recorded.Trace.Hash());
        replayed.ChoiceSequence.ShouldBe(recorded.ChoiceSequence);
        Simulation.Run(987654321, NetworkedBody, other).Trace.Hash().ShouldNotBe(recorded.Trace.Hash(), "the seed alone gives another run");
    }

    [Fact]
    public void ReplayChoices_WhenTheProgramDrawsAnotherStream_StopsNamingTheChoiceItsStreamAndKind()
    {
        SimulationRun recorded = Simulation.Run(3, (loop, _) =>
        {
            loop.Random.Next(10);
            loop.GetRandom("b").NextDouble();
            return Task.CompletedTask;
        });
        recorded.ChoiceSequence.Count.ShouldBe(2);

        SimulationRun replayed = Simulation.ReplayChoices(recorded.ChoiceSequence, (loop, _) =>
        {
            loop.Random.Next(10);
            loop.GetRandom("b").Next(3); // changed: an integer where a fraction was recorded
            return Task.CompletedTask;
        });

        var diverged = replayed.Failure.ShouldBeOfType<ReplayDivergedException>();
        diverged.ChoiceIndex.ShouldBe(1);
        diverged.RecordedChoice!.Value.Kind.ShouldBe(ChoiceKind.Fraction);
        diverged.DrawnKind.ShouldBe(ChoiceKind.Integer);
        diverged.DrawnStream.ShouldBe("b");
        diverged.Message.ShouldStartWith("replay diverged at choice 1 (draw 1 of the run): the trace recorded a fraction ");
        diverged.Message.ShouldContain("on stream 'b', but the program draws an integer below 3 on stream 'b'");
    }

    [Fact]
    public void ReplayChoices_Lenient_UsedUpOrMisfittingChoices_DrawTheSimplestValue()
    {
        Choice[] choices = [new("user", ChoiceKind.Integer, 7), new("user", ChoiceKind.Fraction, 99)];
        var seen = new List<long>();
        SimulationRun run = Simulation.ReplayChoices(choices, (loop, _) =>
        {
            seen.Add(loop.Random.Next(10));   // 7, as recorded
            seen.Add(loop.Random.Next(10));   // recorded a fraction: 0
            seen.Add(loop.Random.Next(5, 10)); // used up: the smallest value, 5
            return Task.CompletedTask;
        }, strict: false);

        run.Failure.ShouldBeNull();
        seen.ShouldBe([7, 0, 5]);
        run.ChoiceMismatch!.ChoiceIndex.ShouldBe(1);
    }

    [Fact]
    public void SeedsThatCollidedInThe32BitFold_NowGiveDifferentStreams()
    {
        // Before, a stream's 64-bit derived seed was folded into new Random(int): seeds 703 and 20666 gave the same
        // "user" stream (found by searching the first 21k seeds), so their runs drew the same numbers.
        static int Folded(ulong seed)
        {
            ulong derived = SeedDerivation.Derive(seed, RandomStreams.User);
            return unchecked((int)(derived ^ (derived >> 32)));
        }

        Folded(703).ShouldBe(Folded(20666));
        int[] Draws(ulong seed)
        {
            Random random = new SimulatedEventLoop(new SimulationOptions { Seed = seed }).Random;
            return Enumerable.Range(0, 8).Select(_ => random.Next()).ToArray();
        }

        Draws(703).ShouldNotBe(Draws(20666));
    }

    [Fact]
    public void TraceFile_Version1_IsRejectedWithAMessageThatSaysWhy()
    {
        var ex = Should.Throw<FormatException>(() => ScheduleTraceFile.FromJson("{\"formatVersion\": 1, \"seed\": 42}"));
        ex.Message.ShouldContain("format version 1");
        ex.Message.ShouldContain("Explore again (seed 42)");
    }

    [Fact]
    public void TraceFile_RoundTripsTheChoiceSequence_AndReplaysFromItAlone()
    {
        SimulationRun recorded = Simulation.Run(8, NetworkedBody, new SimulationOptions { StrategyFactory = _ => new RandomStrategy(8) });
        var file = new ScheduleTraceFile { Seed = 0 }; // the seed is not needed
        file.SetDecisions(recorded.Trace.Decisions);
        file.SetChoices(recorded.ChoiceSequence);

        ScheduleTraceFile read = ScheduleTraceFile.FromJson(file.ToJson());

        read.ToChoices().ShouldBe(recorded.ChoiceSequence);
        Simulation.Replay(read, NetworkedBody).Trace.Hash().ShouldBe(recorded.Trace.Hash());
    }

    /// <summary>Two clients echo over a lossy, jittery network; timers, Buggify and user draws along the way.</summary>
    internal static async Task NetworkedBody(SimulatedEventLoop loop, CancellationToken ct)
    {
        loop.ConfigureNetwork(new VirtualNetworkOptions
        {
            DefaultLink = new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20)), LossRate = 0.2 },
        });
        loop.AddHost("server", async (host, c) => await (await host.StartServerAsync(EchoServer.HandleAsync, 7)).WaitClosedAsync());
        SimulatedHost client = loop.AddHost("client");
        var clients = new List<LoopTask>();
        for (int n = 0; n < 2; n++)
        {
            int id = n;
            clients.Add(client.Spawn(async c =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(loop.Random.Next(3)), loop.TimeProvider, c);
                if (loop.Buggify("probe-site"))
                {
                    await Task.Yield();
                }

                await using Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", 7, c);
                await EchoServer.RunClientAsync(stream, [$"hello {id}", "again"], c);
            }));
        }

        foreach (LoopTask task in clients)
        {
            await task;
        }

        // Two timers due at one instant in every run (due now: the jitter moves only timers due later), so the
        // timer-order stream is drawn whatever the network's messages did before.
        loop.CallLater(TimeSpan.Zero, static _ => { }, null);
        loop.CallLater(TimeSpan.Zero, static _ => { }, null);
        await Task.WhenAll(Task.Delay(TimeSpan.FromMilliseconds(5), loop.TimeProvider, ct), Task.Delay(TimeSpan.FromMilliseconds(5), loop.TimeProvider, ct));
        loop.Network.Hosts.Count.ShouldBe(2);
    }
}
