using System.Text.Json;
using SimLoop.Exploration;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// Reads a trace file given to <c>replay</c> or <c>trace</c> and refuses, with a <see cref="UsageException"/> (exit
/// code 2), anything that cannot replay the run it claims: a missing or unreadable file, not JSON, another format
/// version, no <c>seed</c>, no <c>decisions</c> or no <c>choices</c>, decisions that disagree with the choices, or a
/// file recorded for another scenario.
/// </summary>
internal static class TraceFileInput
{
    private static readonly string[] s_required = ["formatVersion", "seed", "choices", "decisions"];

    public static ScheduleTraceFile Read(string path, RunSettings settings)
    {
        if (Directory.Exists(path) || !File.Exists(path))
        {
            throw new UsageException($"trace file not found: {path}");
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read trace file {path}: {ex.Message}");
        }

        CheckShape(path, json);
        ScheduleTraceFile file;
        try
        {
            file = ScheduleTraceFile.FromJson(json);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"cannot read trace file {path}: {ex.Message}");
        }

        CheckScenario(path, file, settings);
        CheckDecisions(path, file);
        return file;
    }

    private static void CheckShape(string path, string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"cannot read trace file {path}: it is not a SimLoop trace file (a JSON object written by explore)");
            }

            string[] missing = s_required.Where(name => !document.RootElement.TryGetProperty(name, out _)).ToArray();
            if (missing.Length > 0)
            {
                throw new UsageException($"trace file {path} has no {string.Join(", no ", missing)}: it cannot replay the recorded run; use a file written by explore");
            }
        }
        catch (JsonException ex)
        {
            throw new UsageException($"cannot read trace file {path}: not a SimLoop trace file ({ex.Message})");
        }
    }

    private static void CheckScenario(string path, ScheduleTraceFile file, RunSettings settings)
    {
        string scenario = settings.Scenario.Name;
        if (string.IsNullOrEmpty(file.TestName))
        {
            throw new UsageException($"trace file {path} does not name its scenario (no testName), so it cannot be checked against '{scenario}'; use a file written by explore");
        }

        if (file.TestName != scenario)
        {
            string again = settings.ReplayCommand("replay", null, path).Replace($" replay {scenario} ", $" replay {file.TestName} ", StringComparison.Ordinal);
            throw new UsageException($"trace file {path} records scenario '{file.TestName}', not '{scenario}'; replay it with: {again}");
        }
    }

    private static void CheckDecisions(string path, ScheduleTraceFile file)
    {
        int[] choices;
        try
        {
            choices = ScheduleString.Decode(file.Choices);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"trace file {path} has an unreadable choices string '{file.Choices}': {ex.Message}");
        }

        // The minimised choices come first; past their end the replay ran FIFO (choice 0), as the decisions record.
        for (int i = 0; i < file.Decisions.Count; i++)
        {
            RecordedDecision decision = file.Decisions[i];
            if (decision.Ready is null || decision.Ready.Length < 2 || decision.Chosen < 0 || decision.Chosen >= decision.Ready.Length)
            {
                throw new UsageException($"trace file {path} is inconsistent: decision {i + 1} chose {decision.Chosen} among {decision.Ready?.Length ?? 0} ready tasks");
            }

            int expected = i < choices.Length ? choices[i] % decision.Ready.Length : 0;
            if (decision.Chosen != expected)
            {
                throw new UsageException($"trace file {path} is inconsistent: decision {i + 1} chose {decision.Chosen} but its choices {file.Choices} say {expected}");
            }
        }
    }
}
