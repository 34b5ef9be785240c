using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SimLoop.Exploration;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// Numeric options that say what is wrong in words (not a .NET type name): a whole number that fits its type (and the
/// command line's own ceiling), or a finite number of seconds. What the options accept (at least one iteration, a
/// positive bound) is not checked here but by the options' one validation (<see cref="ExplorationOptions.Validate"/>),
/// reported with the option's name (<see cref="CommonOptions.InWords"/>).
/// </summary>
internal static class NumberOptions
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>: the range of the type it becomes, or a ceiling of the command line's own.</summary>
    public static Option<long?> Whole(string name, string description, long min, long max) =>
        new(name)
        {
            Description = description,
            CustomParser = result => ParseWhole(result, name, min, max),
        };

    public static Option<ulong?> Seed(string name, string description) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = Token(result);
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
                {
                    return value;
                }

                result.AddError($"{name} must be a whole number from 0 to {ulong.MaxValue} (a seed as printed by explore); got '{text}'");
                return null;
            },
        };

    /// <summary>Seconds of virtual time: a finite number, at most a year either way (whether it is positive is the options' check).</summary>
    public static Option<TimeSpan?> Seconds(string name, string description) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = Token(result);
                const double year = 365 * 24 * 3600.0;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds)
                    && Math.Abs(seconds) <= year)
                {
                    return TimeSpan.FromSeconds(seconds);
                }

                result.AddError($"{name} must be a number of seconds, at most {year:F0} (one year); got '{text}'");
                return null;
            },
        };

    private static long? ParseWhole(ArgumentResult result, string name, long min, long max)
    {
        string text = Token(result);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            result.AddError($"{name} must be a whole number; got '{text}'");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError(value < min
                ? string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {min}; got '{text}'")
                : string.Create(CultureInfo.InvariantCulture, $"{name} must be at most {max}; got '{text}'"));
            return null;
        }

        return value;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}
