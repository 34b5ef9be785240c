using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using SimLoop.Scheduling;

namespace SimLoop.Exploration;

/// <summary>
/// A failing schedule as a versioned JSON file: what <c>SIMLOOP_REPLAY</c> replays. It records the seed (so every
/// other random stream is the same), the strategy and its parameters, the decisions with their ready task ids (so a
/// replay notices when the program changed), and the trace hash. No wall-clock time: the same failure and library
/// build write the same bytes.
/// </summary>
public sealed class ScheduleTraceFile
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, never HTML: keep '+' and quotes readable
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

    /// <summary>The schedule string of the minimised choices (what <see cref="Decisions"/> replays).</summary>
    public string Choices { get; set; } = ScheduleString.Prefix;

    /// <summary>The decisions of the (minimised) failing run, with their ready task ids.</summary>
    public List<RecordedDecision> Decisions { get; set; } = new();

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

        return file.FormatVersion == CurrentFormatVersion
            ? file
            : throw new FormatException($"The trace file has format version {file.FormatVersion}; this SimLoop reads version {CurrentFormatVersion}.");
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
