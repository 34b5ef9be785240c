using System.Globalization;
using SimLoop.Choices;
using SimLoop.Exploration;
using SimLoop.Scheduling;

namespace SimLoop.FsCheck;

/// <summary>
/// One input of a simulated run, as FsCheck generates and shrinks it: a seed (every scheduler pick and random draw
/// then comes from it), or, once SimLoop's shrinker has minimised a failure, a recorded choice sequence that the run
/// replays instead of drawing (<see cref="Simulation.ReplayChoices"/>; a stream whose choices are used up draws 0).
/// Its <see cref="Text"/> is what a failure prints and what <see cref="Parse"/> reads back.
/// </summary>
public sealed class SimulationInput
{
    private readonly Choice[]? _choices;

    private SimulationInput(ulong seed, Choice[]? choices, long? originalChoiceCount)
    {
        Seed = seed;
        _choices = choices;
        OriginalChoiceCount = originalChoiceCount;
    }

    /// <summary>The seed: the source of every draw when <see cref="Choices"/> is null, otherwise only informative.</summary>
    public ulong Seed { get; }

    /// <summary>The recorded choices the run replays, or null when it draws from <see cref="Seed"/>.</summary>
    public IReadOnlyList<Choice>? Choices => _choices;

    /// <summary>How many choices the seed's failing run made before SimLoop minimised it, or null when not minimised.</summary>
    public long? OriginalChoiceCount { get; }

    /// <summary>An input that draws everything from <paramref name="seed"/>.</summary>
    /// <param name="seed">The simulation seed.</param>
    public static SimulationInput FromSeed(ulong seed) => new(seed, null, null);

    /// <summary>An input that replays <paramref name="choices"/> (recorded from a run of <paramref name="seed"/>).</summary>
    /// <param name="seed">The seed the choices came from (informative only).</param>
    /// <param name="choices">The choice sequence (<see cref="SimulationRun.ChoiceSequence"/>, <see cref="FailureReport.MinimizedChoiceSequence"/>).</param>
    /// <param name="originalChoiceCount">How many choices the run they were minimised from made, or null.</param>
    public static SimulationInput FromChoices(ulong seed, IReadOnlyList<Choice> choices, long? originalChoiceCount = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return new(seed, [.. choices], originalChoiceCount);
    }

    /// <summary>
    /// Runs <paramref name="body"/> on this input: with <see cref="Simulation.Run"/> from the seed, or replaying the
    /// choices leniently (a choice that no longer fits the draw the program makes is read as 0, so a shrunk or edited
    /// sequence never diverges). Never throws for a failure of the body: see <see cref="SimulationRun.Failure"/>.
    /// </summary>
    /// <param name="body">The code under test.</param>
    /// <param name="options">
    /// The loop options (its seed is replaced), or null for the defaults. Without a
    /// <see cref="SimulationOptions.StrategyFactory"/> the run schedules with <see cref="SimulationInputs.DefaultStrategy"/>
    /// (random order from the seed); set <c>_ =&gt; FifoStrategy.Instance</c> for FIFO. A recorded sequence always
    /// replays with FIFO past its scheduler picks, as SimLoop's shrinker replayed it.
    /// </param>
    public SimulationRun Run(Func<SimulatedEventLoop, CancellationToken, Task> body, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        SimulationOptions copy = options?.Clone() ?? new SimulationOptions();
        copy.Seed = Seed;
        if (_choices is null)
        {
            copy.StrategyFactory ??= SimulationInputs.DefaultStrategy;
            return Simulation.Run(Seed, body, copy);
        }

        // As SimLoop's shrinker replays a sequence: the recorded picks run, FIFO once the scheduler's are used up.
        copy.StrategyFactory = _ => FifoStrategy.Instance;
        return Simulation.ReplayChoices(_choices, body, copy, strict: false);
    }

    /// <summary>
    /// The input as one line: <c>seed=S</c>, or <c>seed=S choices=[stream kind value, ...]</c> for a recorded sequence
    /// (the form <see cref="Choice.ToString"/> prints).
    /// </summary>
    public string Text => _choices is null
        ? string.Create(CultureInfo.InvariantCulture, $"seed={Seed}")
        : string.Create(CultureInfo.InvariantCulture, $"seed={Seed} choices=[{string.Join(", ", _choices)}]");

    /// <summary>Reads an input from its <see cref="Text"/>.</summary>
    /// <param name="text">A line printed by a failing property: <c>seed=S</c> or <c>seed=S choices=[...]</c>.</param>
    /// <exception cref="FormatException"><paramref name="text"/> is not of that form (the message says which part).</exception>
    public static SimulationInput Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        string seedPart = space < 0 ? trimmed : trimmed[..space];
        if (!seedPart.StartsWith("seed=", StringComparison.Ordinal) ||
            !ulong.TryParse(seedPart["seed=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
        {
            throw new FormatException($"A simulation input starts with 'seed=<decimal seed>', as a failing property prints it; got '{text}'.");
        }

        if (space < 0)
        {
            return FromSeed(seed);
        }

        string rest = trimmed[(space + 1)..];
        if (!rest.StartsWith("choices=[", StringComparison.Ordinal) || !rest.EndsWith(']'))
        {
            throw new FormatException($"After the seed a simulation input has 'choices=[stream kind value, ...]'; got '{rest}'.");
        }

        string list = rest["choices=[".Length..^1];
        Choice[] choices = list.Length == 0 ? [] : [.. list.Split(", ").Select(ParseChoice)];
        return FromChoices(seed, choices);
    }

    private static Choice ParseChoice(string text)
    {
        int valueAt = text.LastIndexOf(' ');
        int kindAt = valueAt <= 0 ? -1 : text.LastIndexOf(' ', valueAt - 1);
        if (kindAt <= 0 ||
            !Enum.TryParse(text[(kindAt + 1)..valueAt], ignoreCase: true, out ChoiceKind kind) ||
            !ulong.TryParse(text[(valueAt + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            throw new FormatException($"A recorded choice reads '<stream> <kind> <value>' (kind one of {string.Join(", ", Enum.GetNames<ChoiceKind>()).ToLowerInvariant()}); got '{text}'.");
        }

        return new Choice(text[..kindAt], kind, value);
    }

    /// <summary>Whether this input replays exactly <paramref name="choices"/>.</summary>
    internal bool Replays(IReadOnlyList<Choice> choices) => _choices is not null && _choices.SequenceEqual(choices);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
