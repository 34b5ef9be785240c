using SimLoop.Exploration;
using SimLoop.Scheduling;

namespace SimLoop.FsCheck;

/// <summary>
/// SimLoop's own shrinking applied to one <see cref="SimulationInput"/> of one body: a failing input is minimised by
/// <see cref="FailureMinimizer"/> (its schedule, and its whole choice sequence through <see cref="ChoiceShrinker"/>:
/// delete spans, zero and lower values), and a failure is described by the <see cref="FailureReport"/> it builds.
/// </summary>
internal sealed class InputMinimizer(Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions options, int budget)
{
    public SimulationRun Run(SimulationInput input) => input.Run(body, options);

    /// <summary>
    /// The shrink candidates of <paramref name="input"/>: none when it passes; otherwise the input that replays its
    /// minimised choice sequence, unless that is what <paramref name="input"/> already replays (a fixed point).
    /// </summary>
    public IEnumerable<SimulationInput> Shrink(SimulationInput input)
    {
        SimulationRun run = Run(input);
        if (run.Failure is null)
        {
            yield break;
        }

        FailureReport report = Report(run, shrink: true);
        if (!input.Replays(report.MinimizedChoiceSequence))
        {
            yield return SimulationInput.FromChoices(input.Seed, report.MinimizedChoiceSequence, input.OriginalChoiceCount ?? report.OriginalChoiceCount);
        }
    }

    /// <summary>The report of a failing run: with <paramref name="shrink"/> false only what it contains and needs (a few replays).</summary>
    public FailureReport Report(SimulationRun run, bool shrink) =>
        new FailureMinimizer(o => Simulation.Execute(o, body), OptionsFor, budget).Report("property", iteration: null, run, shrink);

    private SimulationOptions OptionsFor(ulong seed, IScheduleStrategy strategy)
    {
        SimulationOptions copy = options.Clone();
        copy.Seed = seed;
        copy.StrategyFactory = _ => strategy;
        return copy;
    }
}
