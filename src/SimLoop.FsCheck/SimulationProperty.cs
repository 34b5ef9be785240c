using FsCheck;
using FsCheck.Fluent;
using SimLoop.Exploration;

namespace SimLoop.FsCheck;

/// <summary>
/// FsCheck properties of simulated systems, for <c>[Property]</c> (FsCheck.Xunit.v3) methods that return them and for
/// <c>Check.One</c> / <c>Check.QuickThrowOnFailure</c>. Each case runs the body once in a fresh simulation; a run that
/// fails (an exception of the body, a deadlock, a limit) falsifies the property with a
/// <see cref="SimulationPropertyException"/>. Shrinking goes through SimLoop's own shrinker, so the reported case is
/// the minimised choice sequence, with what the failure needs and the line that replays it. The same FsCheck replay
/// seed (<c>Config.WithReplay</c>, <c>[Property(Replay = ...)]</c>) gives the same runs.
/// </summary>
public static class SimulationProperty
{
    /// <summary>A property over seeds: <paramref name="body"/> runs without failing for every generated seed.</summary>
    /// <param name="body">The code under test; it gets the loop and the main task's cancellation token.</param>
    /// <param name="options">The loop options of every run, or null for the defaults (see <see cref="SimulationInput.Run"/>).</param>
    /// <param name="shrinkBudget">How many replays one shrink step of SimLoop's may make.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shrinkBudget"/> is negative.</exception>
    public static Property ForAllSeeds(Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions? options = null, int shrinkBudget = 1000)
    {
        ArgumentNullException.ThrowIfNull(body);
        InputMinimizer minimizer = SimulationInputs.Minimizer(body, options, shrinkBudget);
        return Prop.ForAll(SimulationInputs.ArbitraryOf(minimizer), input => Check(minimizer, input, operations: null));
    }

    /// <summary>
    /// A property over generated operation sequences run against a system inside the simulation: for every generated
    /// sequence and seed, <paramref name="body"/> runs without failing. FsCheck shrinks a failing case's operations
    /// (deleting spans of them: <see cref="SimulationInputs.Operations"/>) first, then SimLoop shrinks the run's
    /// schedule and draws. The loop options are the defaults; to set them or the shrink budget, use the
    /// <see cref="Arbitrary{T}"/> overload with <c>SimulationInputs.Operations(gen)</c>.
    /// </summary>
    /// <typeparam name="TOp">The operation type (its <see cref="object.ToString"/> is what a failure prints).</typeparam>
    /// <param name="operations">The operation sequences.</param>
    /// <param name="body">Runs the operations against the system and throws when it misbehaves.</param>
    public static Property ForAllOperations<TOp>(Gen<TOp[]> operations, Func<SimulatedEventLoop, TOp[], CancellationToken, Task> body) =>
        ForAllOperations(SimulationInputs.Operations(operations), body);

    /// <summary>
    /// Like <see cref="ForAllOperations{TOp}(Gen{TOp[]}, Func{SimulatedEventLoop, TOp[], CancellationToken, Task})"/>,
    /// with the operations' own shrinker (<see cref="Arbitrary{T}.Shrinker"/>), loop options and shrink budget.
    /// </summary>
    /// <typeparam name="TOp">The operation type (its <see cref="object.ToString"/> is what a failure prints).</typeparam>
    /// <param name="operations">The operation sequences and how they shrink.</param>
    /// <param name="body">Runs the operations against the system and throws when it misbehaves.</param>
    /// <param name="options">The loop options of every run, or null for the defaults (see <see cref="SimulationInput.Run"/>).</param>
    /// <param name="shrinkBudget">How many replays one shrink step of SimLoop's may make.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shrinkBudget"/> is negative.</exception>
    public static Property ForAllOperations<TOp>(Arbitrary<TOp[]> operations, Func<SimulatedEventLoop, TOp[], CancellationToken, Task> body, SimulationOptions? options = null, int shrinkBudget = 1000)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(shrinkBudget);
        InputMinimizer MinimizerOf(TOp[] ops) => SimulationInputs.Minimizer((loop, ct) => body(loop, ops, ct), options, shrinkBudget);

        IEnumerable<OperationsCase<TOp>> Shrink(OperationsCase<TOp> failing)
        {
            // FsCheck tries these in order and keeps the first that still fails: fewer operations on the same input
            // first, then the same operations on SimLoop's minimised input, then fewer operations on that input with
            // a span of its choices deleted too (the deleted operations' draws).
            TOp[] ops = [.. failing.Operations];
            TOp[][] fewer = [.. operations.Shrinker(ops)];
            foreach (TOp[] candidate in fewer)
            {
                yield return new OperationsCase<TOp>(candidate, failing.Input);
            }

            foreach (SimulationInput input in MinimizerOf(ops).Shrink(failing.Input))
            {
                yield return new OperationsCase<TOp>(ops, input);
            }

            foreach (TOp[] candidate in fewer)
            {
                foreach (SimulationInput input in RealignedInputs.For(failing.Input, ops.Length, candidate.Length))
                {
                    yield return new OperationsCase<TOp>(candidate, input);
                }
            }
        }

        Gen<OperationsCase<TOp>> cases =
            from ops in operations.Generator
            from seed in SimulationInputs.Seeds
            select new OperationsCase<TOp>(ops, SimulationInput.FromSeed(seed));
        return Prop.ForAll(Arb.From(cases, Shrink), c => Check(MinimizerOf([.. c.Operations]), c.Input, c.OperationsText));
    }

    private static void Check(InputMinimizer minimizer, SimulationInput input, string? operations)
    {
        SimulationRun run = minimizer.Run(input);
        if (run.Failure is not null)
        {
            throw new SimulationPropertyException(input, minimizer.Report(run, shrink: false), operations);
        }
    }
}
