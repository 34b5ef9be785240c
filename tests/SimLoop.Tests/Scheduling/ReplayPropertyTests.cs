using FsCheck;
using FsCheck.Fluent;
using SimLoop.Exploration;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.Scheduling;

using Simulation = SimLoop.Simulation;

public sealed class ReplayPropertyTests
{
    /// <summary>A random program: per task, a list of operations (0 = yield, n &gt; 0 = a delay of n ms), and a seed.</summary>
    private static readonly Arbitrary<(int[][] Tasks, int Seed)> s_programs =
        Gen.Choose(0, 4).ArrayOf().ListOf().Select(l => l.Take(5).ToArray())
            .Zip(Gen.Choose(0, int.MaxValue)).ToArbitrary();

    [Fact]
    public void Replay_OfRecordedTrace_YieldsIdenticalTrace()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(s_programs, p =>
        {
            var options = new SimulationOptions { StrategyFactory = _ => new RandomStrategy((ulong)p.Seed), TimerJitter = TimeSpan.FromMilliseconds(1) };
            SimulationRun recorded = Simulation.Run((ulong)p.Seed, Body(p.Tasks), options);
            var file = new ScheduleTraceFile { Seed = (ulong)p.Seed + 1 }; // the file's choices alone replay the run: not its seed
            file.SetDecisions(recorded.Trace.Decisions);
            file.SetChoices(recorded.ChoiceSequence);
            SimulationRun replayed = Simulation.Replay(file, Body(p.Tasks), options);
            return replayed.Trace.ToText() == recorded.Trace.ToText()
                && replayed.Trace.Hash() == recorded.Trace.Hash()
                && replayed.VirtualTime == recorded.VirtualTime;
        }));
    }

    private static Func<SimulatedEventLoop, CancellationToken, Task> Body(int[][] program) => async (loop, ct) =>
    {
        var tasks = program.Select((ops, n) => loop.CreateTask(async c =>
        {
            foreach (int op in ops)
            {
                if (op == 0)
                {
                    await Task.Yield();
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(op), loop.TimeProvider, c);
                }
            }
        }, $"t{n}")).ToList();
        foreach (LoopTask t in tasks)
        {
            await t;
        }
    };
}
