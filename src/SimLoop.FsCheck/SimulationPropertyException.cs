using System.Globalization;
using System.Text;
using SimLoop.Exploration;

namespace SimLoop.FsCheck;

/// <summary>
/// Thrown by a property of <see cref="SimulationProperty"/> for an input whose run failed; FsCheck reports it for the
/// shrunk input. Its message names the seed, the (minimised) choice sequence, what the failure needs and the line that
/// replays it.
/// </summary>
public sealed class SimulationPropertyException : Exception
{
    /// <summary>Creates the exception (for serializers and tests; properties build it from a failing run).</summary>
    public SimulationPropertyException()
        : this("A simulation property failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SimulationPropertyException(string message)
        : base(message)
    {
        Input = SimulationInput.FromSeed(0);
    }

    /// <summary>Creates the exception with a message and the failure it reports.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The run's failure.</param>
    public SimulationPropertyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Input = SimulationInput.FromSeed(0);
    }

    internal SimulationPropertyException(SimulationInput input, FailureReport report, string? operations)
        : base(Describe(input, report, operations), report.Exception)
    {
        Input = input;
        Report = report;
    }

    /// <summary>The failing input (after shrinking, the minimised choice sequence).</summary>
    public SimulationInput Input { get; }

    /// <summary>What the failing run contains and needs, or null when the exception was not built from a run.</summary>
    public FailureReport? Report { get; }

    private static string Describe(SimulationInput input, FailureReport report, string? operations)
    {
        var sb = new StringBuilder();
        string source = input.Choices is null ? "drawn from the seed" : "replaying recorded choices";
        sb.Append(CultureInfo.InvariantCulture, $"Simulation failed (seed {input.Seed}, {source}): {report.Exception.GetType().Name}: {report.Exception.Message}\n");
        if (operations is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  operations: {operations}\n");
        }

        string contents = report.MinimizedContents.Count == 0 ? "every choice at its simplest" : string.Join("; ", report.MinimizedContents);
        string count = input.OriginalChoiceCount is { } original
            ? string.Create(CultureInfo.InvariantCulture, $"minimised from {original} to {report.MinimizedChoiceSequence.Count}")
            : string.Create(CultureInfo.InvariantCulture, $"{report.OriginalChoiceCount}, not minimised (FsCheck's shrinking minimises them)");
        sb.Append(CultureInfo.InvariantCulture, $"  choices: {count}; the bug needs {report.Needs}: {contents}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  input: {input.Text}\n");
        string body = operations is null ? "body" : "(loop, ct) => body(loop, operations, ct)";
        sb.Append("  replay: SimulationInput.Parse(\"").Append(input.Text).Append("\").Run(").Append(body).Append(')');
        return sb.ToString();
    }
}
