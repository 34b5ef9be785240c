using SimLoop.Choices;
using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// Shrinks a failing run two ways and builds its <see cref="FailureReport"/>: its schedule (the scheduler's decisions,
/// replayed with the seed: <see cref="ScheduleShrinker"/>) and its whole choice sequence (every pick and draw, replayed
/// without the seed: <see cref="ChoiceShrinker"/>); then finds which classes of choices the failure needs, by
/// replaying the minimised sequence with each class reset to its simplest values.
/// </summary>
internal sealed class FailureMinimizer(Func<SimulationOptions, SimulationRun> execute, Func<ulong, IScheduleStrategy, SimulationOptions> optionsFor, int budget)
{
    public FailureReport Report(string testName, long? iteration, SimulationRun run, bool shrink)
    {
        Type failureType = run.Failure!.GetType();
        bool StillFails(SimulationRun replay) => replay.Failure?.GetType() == failureType;

        int[] original = run.Choices();
        SimulationRun ReplaySchedule(int[] choices) => execute(optionsFor(run.Seed, new ChoiceListStrategy(choices)));
        int[] minimized = shrink ? new ScheduleShrinker(c => StillFails(ReplaySchedule(c)), budget).Minimize(original) : original;
        if (!StillFails(ReplaySchedule(minimized)))
        {
            // The failure depends on something a choice list does not capture; report the original schedule.
            minimized = original;
        }

        ChoiceMinimization choices = MinimizeChoices(run, shrink, StillFails);
        return new FailureReport(testName, iteration, run, minimized, choices);
    }

    private ChoiceMinimization MinimizeChoices(SimulationRun run, bool shrink, Func<SimulationRun, bool> stillFails)
    {
        SimulationRun Replay(IReadOnlyList<Choice> choices)
        {
            SimulationOptions options = optionsFor(run.Seed, FifoStrategy.Instance);
            options.ChoiceReplay = new ChoiceReplay(choices, Strict: false);
            return execute(options);
        }

        Choice[] original = [.. run.ChoiceSequence];
        Choice[] candidate = shrink ? new ChoiceShrinker(c => stillFails(Replay(c)), budget).Minimize(original) : original;
        SimulationRun minimizedRun = Replay(candidate);
        if (!stillFails(minimizedRun))
        {
            minimizedRun = Replay(original);
        }

        // What a strict replay of the file reads: the minimised run's own draws, each stream's trailing zeros left out.
        Choice[] minimized = ChoiceShrinker.Normalize(minimizedRun.ChoiceSequence);
        var needed = new List<ChoiceClass>();
        foreach (ChoiceClass choiceClass in Enum.GetValues<ChoiceClass>())
        {
            if (Array.Exists(minimized, c => c.Value != 0 && RandomStreams.ClassOf(c.Stream) == choiceClass) &&
                !stillFails(Replay(Array.FindAll(minimized, c => RandomStreams.ClassOf(c.Stream) != choiceClass))))
            {
                needed.Add(choiceClass);
            }
        }

        return new ChoiceMinimization(minimized, minimizedRun, needed);
    }
}

/// <summary>A failing run's minimised choice sequence, the run that replays it, and the classes of choices it needs.</summary>
internal sealed record ChoiceMinimization(IReadOnlyList<Choice> Minimized, SimulationRun Run, IReadOnlyList<ChoiceClass> Needed);
