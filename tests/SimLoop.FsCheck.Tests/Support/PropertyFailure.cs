using System.Globalization;
using System.Text.RegularExpressions;
using Shouldly;

namespace SimLoop.FsCheck.Tests.Support;

/// <summary>What a failing simulation property's message (as FsCheck rethrows it) says: the choice counts and the input line.</summary>
internal sealed partial record PropertyFailure(long Original, int Minimised, SimulationInput Input, string? Operations)
{
    public static PropertyFailure Parse(string message)
    {
        Match counts = Counts().Match(message);
        counts.Success.ShouldBeTrue($"no 'choices: minimised from X to Y' in:\n{message}");
        Match input = InputLine().Match(message);
        input.Success.ShouldBeTrue($"no '  input: ...' line in:\n{message}");
        Match operations = OperationsLine().Match(message);
        return new PropertyFailure(
            long.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture),
            SimulationInput.Parse(input.Groups[1].Value),
            operations.Success ? operations.Groups[1].Value : null);
    }

    [GeneratedRegex(@"choices: minimised from (\d+) to (\d+)")]
    private static partial Regex Counts();

    [GeneratedRegex(@"^  input: (.*)$", RegexOptions.Multiline)]
    private static partial Regex InputLine();

    [GeneratedRegex(@"^  operations: (.*)$", RegexOptions.Multiline)]
    private static partial Regex OperationsLine();
}
