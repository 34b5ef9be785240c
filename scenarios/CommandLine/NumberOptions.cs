using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// Numeric options that say what is wrong in words (not a .NET type name) and reject out-of-range values at parse
/// time: a whole number in [min, max], or a finite number of seconds.
/// </summary>
internal static class NumberOptions
{
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

    /// <summary>Seconds of virtual time: finite, at least one tick (100 ns), at most a year.</summary>
    public static Option<TimeSpan?> Seconds(string name, string description) =>
        new(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = Token(result);
                const double year = 365 * 24 * 3600.0;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds)
                    && seconds >= 1e-7 && seconds <= year)
                {
                    return TimeSpan.FromSeconds(seconds);
                }

                result.AddError($"{name} must be a number of seconds from 0.0000001 to {year:F0} (one year); got '{text}'");
                return null;
            },
        };

    private static long? ParseWhole(ArgumentResult result, string name, long min, long max)
    {
        string text = Token(result);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}; got '{text}'"));
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}
