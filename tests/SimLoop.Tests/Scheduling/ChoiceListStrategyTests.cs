using Shouldly;
using SimLoop.Exploration;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.Scheduling;

using Simulation = SimLoop.Simulation;

public sealed class ChoiceListStrategyTests
{
    [Fact]
    public void NextStep_TakesChoicesModuloReadyCount_ThenFifo()
    {
        SimulationRun run = Simulation.Replay(0, [5, 1], Workers(3), null);
        run.Trace.Decisions[0].Chosen.ShouldBe(5 % run.Trace.Decisions[0].ReadyTaskIds.Length);
        run.Trace.Decisions[1].Chosen.ShouldBe(1);
        run.Trace.Decisions.Skip(2).ShouldAllBe(d => d.Chosen == 0);
    }

    [Fact]
    public void Constructor_RejectsNegativeChoices() =>
        Should.Throw<ArgumentException>(() => new ChoiceListStrategy([0, -1])).ParamName.ShouldBe("choices");

    [Fact]
    public void Replay_OfChangedProgram_DivergesWithExpectedAndFoundIds()
    {
        SimulationRun recorded = Simulation.Run(7, Workers(2), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(7) });
        var file = new ScheduleTraceFile { Seed = 7 };
        file.SetDecisions(recorded.Trace.Decisions);
        var ex = Should.Throw<ReplayDivergedException>(() => Simulation.Replay(file, Workers(3)));
        ex.Message.ShouldStartWith($"replay diverged at decision {ex.DecisionIndex}: expected ready [");
        ex.ExpectedReadyTaskIds.ShouldNotBe(ex.FoundReadyTaskIds);
    }

    [Fact]
    public void TraceFile_RoundTripsThroughJson()
    {
        SimulationRun recorded = Simulation.Run(3, Workers(3), new SimulationOptions { StrategyFactory = _ => new RandomStrategy(3) });
        var file = new ScheduleTraceFile { Seed = 3, Strategy = recorded.Strategy, TraceHash = recorded.Trace.Hash() };
        file.SetDecisions(recorded.Trace.Decisions);
        ScheduleTraceFile read = ScheduleTraceFile.FromJson(file.ToJson());
        read.ToJson().ShouldBe(file.ToJson());
        Simulation.Replay(read, Workers(3)).Trace.Hash().ShouldBe(recorded.Trace.Hash());
    }

    [Fact]
    public void TraceFile_OfAnotherFormatVersion_IsRejected() =>
        Should.Throw<FormatException>(() => ScheduleTraceFile.FromJson("{\"formatVersion\": 99}")).Message.ShouldContain("version 99");

    internal static Func<SimulatedEventLoop, CancellationToken, Task> Workers(int count) => async (loop, ct) =>
    {
        var tasks = new List<LoopTask>();
        for (int n = 0; n < count; n++)
        {
            tasks.Add(loop.CreateTask(async _ =>
            {
                for (int i = 0; i < 3; i++)
                {
                    await Task.Yield();
                }
            }, $"w{n}"));
        }

        foreach (LoopTask t in tasks)
        {
            await t;
        }
    };
}
