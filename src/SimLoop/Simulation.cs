using System.Runtime.CompilerServices;
using SimLoop.Exploration;
using SimLoop.Scheduling;

namespace SimLoop;

/// <summary>
/// Entry points for simulation tests, usable from any test framework: run one seed, replay a schedule, or explore
/// many seeds and report a failure with its seed, its minimised schedule and the line that replays it.
/// </summary>
public static class Simulation
{
    /// <summary>
    /// Runs <paramref name="body"/> once on a fresh <see cref="SimulatedEventLoop"/> with <paramref name="seed"/> and
    /// a strategy from <see cref="SimulationOptions.StrategyFactory"/> (FIFO if none). Never throws for a failure of
    /// the body: see <see cref="SimulationRun.Failure"/>.
    /// </summary>
    /// <param name="seed">The seed (overrides <see cref="SimulationOptions.Seed"/>).</param>
    /// <param name="body">The code under test; it gets the loop and the main task's cancellation token.</param>
    /// <param name="options">The loop options, or null for the defaults.</param>
    /// <exception cref="OptionsValidationException">Settings in <paramref name="options"/> are out of range (one exception names every one).</exception>
    public static SimulationRun Run(ulong seed, Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        SimulationOptions copy = options?.Clone() ?? new SimulationOptions();
        copy.Seed = seed;
        return Execute(copy, body);
    }

    /// <summary>Runs <paramref name="body"/> following <paramref name="choices"/> (see <see cref="ChoiceListStrategy"/>).</summary>
    /// <param name="seed">The seed of the run's other random streams.</param>
    /// <param name="choices">The choices; FIFO past the end.</param>
    /// <param name="body">The code under test.</param>
    /// <param name="options">The loop options (its strategy is replaced), or null for the defaults.</param>
    /// <exception cref="OptionsValidationException">Settings in <paramref name="options"/> are out of range (one exception names every one).</exception>
    public static SimulationRun Replay(ulong seed, IReadOnlyList<int> choices, Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        int[] recorded = [.. choices];
        SimulationOptions copy = options?.Clone() ?? new SimulationOptions();
        copy.StrategyFactory = _ => new ChoiceListStrategy(recorded);
        return Run(seed, body, copy);
    }

    /// <summary>
    /// Replays a trace file from its choice sequence alone (every scheduler pick and every random draw come from the
    /// file, none from the seed), checking at each decision that the ready task ids are the recorded ones, and at each
    /// draw that the recorded choice is of the stream and kind the program draws.
    /// </summary>
    /// <param name="file">The trace file.</param>
    /// <param name="body">The code under test.</param>
    /// <param name="options">The loop options (seed and strategy are replaced), or null for the defaults.</param>
    /// <exception cref="ReplayDivergedException">The program no longer makes the recorded decisions or draws (the message names the choice's index, stream and kind).</exception>
    /// <exception cref="OptionsValidationException">Settings in <paramref name="options"/> are out of range (one exception names every one).</exception>
    public static SimulationRun Replay(ScheduleTraceFile file, Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        IReadOnlyList<ScheduleDecision> decisions = file.ToDecisions();
        SimulationOptions copy = options?.Clone() ?? new SimulationOptions();
        copy.StrategyFactory = _ => ChoiceListStrategy.FromDecisions(decisions);
        copy.Swarm = file.Swarm ?? copy.Swarm;
        copy.ChoiceReplay = new ChoiceReplay(file.ToChoices(), Strict: true);
        SimulationRun run = Run(file.Seed, body, copy);
        return run.Failure is ReplayDivergedException diverged ? throw diverged : run;
    }

    /// <summary>
    /// Runs <paramref name="body"/> taking every scheduler pick and every random draw from <paramref name="choices"/>
    /// (stream by stream, in order; a stream whose choices are used up draws its simplest value, 0), not from a seed.
    /// The strategy of <paramref name="options"/>, if any, is still asked at each decision (so it can check the ready
    /// steps, as <see cref="ChoiceListStrategy.FromDecisions"/> does), but the recorded pick is the one that runs.
    /// </summary>
    /// <param name="choices">A recorded choice sequence (<see cref="SimulationRun.ChoiceSequence"/>, <see cref="ScheduleTraceFile.ToChoices"/>).</param>
    /// <param name="body">The code under test.</param>
    /// <param name="options">The loop options, or null for the defaults.</param>
    /// <param name="strict">
    /// True to stop with <see cref="ReplayDivergedException"/> at the first recorded choice that does not fit the draw
    /// the program makes (another stream or kind, or out of range); false to draw the simplest value there and go on
    /// (<see cref="SimulationRun.ChoiceMismatch"/> then names the first such choice).
    /// </param>
    /// <returns>The run; with <paramref name="strict"/>, its failure is the divergence if there was one.</returns>
    public static SimulationRun ReplayChoices(IReadOnlyList<Choice> choices, Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions? options = null, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(body);
        SimulationOptions copy = options?.Clone() ?? new SimulationOptions();
        copy.ChoiceReplay = new ChoiceReplay(choices.ToArray(), strict);
        return Execute(copy, body);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for many seeds (see <see cref="ExplorationOptions"/>). With
    /// <c>SIMLOOP_SEED=&lt;seed&gt;</c> in the environment it runs only that seed; with
    /// <c>SIMLOOP_REPLAY=&lt;path&gt;</c> it replays only that trace file. When <c>SIMLOOP_TEST</c> is set too (the
    /// replay line sets it), both apply only to the exploration whose <paramref name="testName"/> equals it (ordinal);
    /// every other exploration of the run ignores them and runs all its iterations. Without <c>SIMLOOP_TEST</c> they
    /// apply to every exploration of the process.
    /// </summary>
    /// <param name="body">The code under test; it gets the loop and the main task's cancellation token.</param>
    /// <param name="options">How to explore, or null for the defaults (100 iterations, portfolio).</param>
    /// <param name="testName">The test's name for the replay line (filled in by the compiler).</param>
    /// <returns>What the exploration did.</returns>
    /// <exception cref="SimulationFailureException">An iteration failed and <see cref="ExplorationOptions.ThrowOnFailure"/> is on.</exception>
    /// <exception cref="NondeterminismException">With <see cref="ExplorationOptions.CheckDeterminism"/>, a seed ran differently twice.</exception>
    /// <exception cref="ReplayDivergedException">A replayed trace file no longer matches the program.</exception>
    /// <exception cref="OptionsValidationException">Settings in <paramref name="options"/> are out of range (one exception names every one, the <see cref="ExplorationOptions.Simulation"/> template's included).</exception>
    public static ExplorationResult Explore(Func<SimulatedEventLoop, CancellationToken, Task> body, ExplorationOptions? options = null, [CallerMemberName] string testName = "")
        => Explore(body, options, testName, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Like <see cref="Explore(Func{SimulatedEventLoop, CancellationToken, Task}, ExplorationOptions?, string)"/>,
    /// reading <c>SIMLOOP_SEED</c>, <c>SIMLOOP_REPLAY</c> and <c>SIMLOOP_TEST</c> through
    /// <paramref name="getVariable"/> instead of the process environment (for test integrations and their tests).
    /// </summary>
    /// <param name="body">The code under test; it gets the loop and the main task's cancellation token.</param>
    /// <param name="options">How to explore, or null for the defaults (100 iterations, portfolio).</param>
    /// <param name="testName">The test's name: what the replay line prints and what <c>SIMLOOP_TEST</c> is compared with.</param>
    /// <param name="getVariable">Returns an environment variable's value, or null when it is not set.</param>
    /// <returns>What the exploration did.</returns>
    /// <exception cref="SimulationFailureException">An iteration failed and <see cref="ExplorationOptions.ThrowOnFailure"/> is on.</exception>
    /// <exception cref="NondeterminismException">With <see cref="ExplorationOptions.CheckDeterminism"/>, a seed ran differently twice.</exception>
    /// <exception cref="ReplayDivergedException">A replayed trace file no longer matches the program.</exception>
    /// <exception cref="FormatException"><c>SIMLOOP_SEED</c> applies to this test and is not a decimal seed.</exception>
    /// <exception cref="OptionsValidationException">Settings in <paramref name="options"/> are out of range (one exception names every one, the <see cref="ExplorationOptions.Simulation"/> template's included).</exception>
    public static ExplorationResult Explore(Func<SimulatedEventLoop, CancellationToken, Task> body, ExplorationOptions? options, string testName, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(getVariable);
        string name = string.IsNullOrEmpty(testName) ? "simulation" : testName;
        ExplorationOptions copy = options?.Clone() ?? new ExplorationOptions();
        copy.Validate();
        if (copy.HonourEnvironment)
        {
            ApplyEnvironment(copy, getVariable, name);
        }

        return new ExplorationRunner(body, copy, name).Run();
    }

    /// <summary>
    /// Applies <c>SIMLOOP_SEED</c> and <c>SIMLOOP_REPLAY</c> read through <paramref name="getVariable"/>, unless
    /// <c>SIMLOOP_TEST</c> is set and names another test than <paramref name="testName"/>.
    /// </summary>
    internal static void ApplyEnvironment(ExplorationOptions options, Func<string, string?> getVariable, string? testName = null)
    {
        if (getVariable("SIMLOOP_TEST") is { Length: > 0 } onlyTest && !string.Equals(onlyTest, testName, StringComparison.Ordinal))
        {
            return;
        }

        if (getVariable("SIMLOOP_REPLAY") is { Length: > 0 } path)
        {
            options.ReplayFile = path;
        }

        if (getVariable("SIMLOOP_SEED") is { Length: > 0 } seedText)
        {
            options.OnlySeed = ulong.TryParse(seedText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong seed)
                ? seed
                : throw new FormatException($"SIMLOOP_SEED must be a decimal seed as printed in a failure report; got '{seedText}'.");
        }
    }

    internal static SimulationRun Execute(SimulationOptions options, Func<SimulatedEventLoop, CancellationToken, Task> body)
    {
        var loop = new SimulatedEventLoop(options);
        Exception? failure = null;
#pragma warning disable CA1031 // Any exception that ends the run is the run's outcome, reported to the caller.
        try
        {
            loop.RunUntilComplete(ct => body(loop, ct));
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        try
        {
            // Closing reports what no one awaited: a task that failed unobserved fails the run (FailOnUnhandledException).
            loop.Close();
        }
        catch (Exception ex) when (failure is null)
        {
            failure = ex;
        }
        catch (Exception)
        {
            // The run already failed; that failure is the report.
        }
#pragma warning restore CA1031

        // A replay that diverged inside a draw stops there, even if the code under test caught the exception.
        failure = loop.Choices.Divergence ?? failure;
        string strategy = options.Swarm is { } swarm ? $"{loop.Strategy.Description} swarm({swarm})" : loop.Strategy.Description;
        return new SimulationRun(options.Seed, strategy, loop, failure) { Swarm = options.Swarm, StateHash = loop.StateHash };
    }
}
