using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using SimLoop.Choices;
using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// A failing run as a versioned JSON file: what <c>SIMLOOP_REPLAY</c> and <c>replay --trace</c> replay. Version 2
/// records the (minimised) run's whole choice sequence (<see cref="ChoiceSequence"/>: scheduler picks and every draw
/// of every random stream), so the file alone reproduces the run, without the seed; the decisions with their ready
/// task ids (so a replay notices when the program changed); the seed and strategy that found it; and the trace hash.
/// Version-1 files (decisions only, with random streams this SimLoop no longer derives the same way) are rejected with
/// a message that says so. No wall-clock time: the same failure and library build write the same bytes.
/// </summary>
public sealed class ScheduleTraceFile
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int CurrentFormatVersion = 2;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, never HTML: keep '+' and quotes readable
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The file format version.</summary>
    public int FormatVersion { get; set; } = CurrentFormatVersion;

    /// <summary>The SimLoop version that wrote the file.</summary>
    public string LibraryVersion { get; set; } = typeof(ScheduleTraceFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The test (or exploration) that failed.</summary>
    public string? TestName { get; set; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; set; }

    /// <summary>The strategy that found the failure, with its parameters (its description).</summary>
    public string Strategy { get; set; } = "";

    /// <summary>The run's swarm profile (absent when it ran as configured): a replay applies it, so timing matches.</summary>
    public SwarmProfile? Swarm { get; set; }

    /// <summary>The failure's exception type (full name).</summary>
    public string? ExceptionType { get; set; }

    /// <summary>The failure's message.</summary>
    public string? ExceptionMessage { get; set; }

    /// <summary>The schedule string of the choices the strategy made.</summary>
    public string OriginalChoices { get; set; } = ScheduleString.Prefix;

    /// <summary>The schedule string of <see cref="Decisions"/>: the scheduler picks of the minimised run.</summary>
    public string Choices { get; set; } = ScheduleString.Prefix;

    /// <summary>The decisions of the (minimised) failing run, with their ready task ids.</summary>
    public List<RecordedDecision> Decisions { get; set; } = new();

    /// <summary>How many choices the original failing run made.</summary>
    public long OriginalChoiceCount { get; set; }

    /// <summary>
    /// The (minimised) failing run's choice sequence, in the order the run made it; a stream's trailing simplest
    /// choices (value 0) may be left out, since a stream past its recorded choices draws 0.
    /// </summary>
    public List<RecordedChoice> ChoiceSequence { get; set; } = new();

    /// <summary>The hash of the (minimised) failing run's trace.</summary>
    public string? TraceHash { get; set; }

    /// <summary>The line that replays this file.</summary>
    public string? ReplayLine { get; set; }

    /// <summary>The recorded decisions as <see cref="ScheduleDecision"/>s.</summary>
    public IReadOnlyList<ScheduleDecision> ToDecisions() =>
        Decisions.Select(d => new ScheduleDecision(d.Step, d.Chosen, d.Ready)).ToArray();

    /// <summary>Records <paramref name="decisions"/>.</summary>
    /// <param name="decisions">The decisions.</param>
    public void SetDecisions(IEnumerable<ScheduleDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        Decisions = decisions.Select(d => new RecordedDecision { Step = d.StepNumber, Chosen = d.Chosen, Ready = d.ReadyTaskIds }).ToList();
    }

    /// <summary>The recorded choice sequence as <see cref="Choice"/>s.</summary>
    public IReadOnlyList<Choice> ToChoices() => ChoiceSequence.Select(c => new Choice(c.Stream, c.Kind, c.Value)).ToArray();

    /// <summary>Records <paramref name="choices"/> as the file's choice sequence.</summary>
    /// <param name="choices">The choices, in order.</param>
    public void SetChoices(IEnumerable<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ChoiceSequence = choices.Select(c => new RecordedChoice { Stream = c.Stream, Kind = c.Kind, Value = c.Value }).ToList();
    }

    /// <summary>The file as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Parses a file written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="FormatException">The text is not a trace file of a version this library reads.</exception>
    public static ScheduleTraceFile FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ScheduleTraceFile file;
        try
        {
            file = JsonSerializer.Deserialize<ScheduleTraceFile>(json, s_json) ?? throw new FormatException("The trace file is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a SimLoop trace file: {ex.Message}", ex);
        }

        return file.FormatVersion switch
        {
            CurrentFormatVersion => file,
            1 => throw new FormatException(
                "The trace file has format version 1: it recorded only scheduler decisions and relied on the seed for every other random " +
                $"stream, which this SimLoop derives differently (64-bit streams), so it cannot reproduce the run. Explore again (seed {file.Seed}) " +
                $"to write a version-{CurrentFormatVersion} file, which records every choice."),
            _ => throw new FormatException($"The trace file has format version {file.FormatVersion}; this SimLoop reads version {CurrentFormatVersion}."),
        };
    }

    /// <summary>Reads a trace file.</summary>
    /// <param name="path">Its path.</param>
    public static ScheduleTraceFile Read(string path) => FromJson(File.ReadAllText(path));

    /// <summary>Writes the file, creating its folder if needed.</summary>
    /// <param name="path">Where to write.</param>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, ToJson());
    }
}

/// <summary>One decision in a <see cref="ScheduleTraceFile"/>.</summary>
public sealed class RecordedDecision
{
    /// <summary>How many steps had run before the decision.</summary>
    public long Step { get; set; }

    /// <summary>The index chosen.</summary>
    public int Chosen { get; set; }

    /// <summary>The ready steps' task ids, oldest first.</summary>
    public long[] Ready { get; set; } = [];
}

/// <summary>One choice in a <see cref="ScheduleTraceFile"/> (see <see cref="Choice"/>).</summary>
public sealed class RecordedChoice
{
    /// <summary>The random stream (see <see cref="RandomStreams"/>).</summary>
    public string Stream { get; set; } = "";

    /// <summary>What was drawn.</summary>
    public ChoiceKind Kind { get; set; }

    /// <summary>The value in canonical form (0 is the simplest).</summary>
    public ulong Value { get; set; }
}
