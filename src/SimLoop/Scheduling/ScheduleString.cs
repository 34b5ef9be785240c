using System.Globalization;
using System.Text;

namespace SimLoop.Scheduling;

/// <summary>
/// A compact text form of a choice list that fits in an exception message (like shuttle's schedule string):
/// <c>v1:</c> followed by one base-36 digit per choice (<c>{..}</c> around choices of 36 and more), a run of
/// three or more equal choices written as the choice, <c>*</c>, the run length in base 36 and <c>;</c>.
/// Example: <c>[0,0,0,0,0,1,2,1]</c> is <c>v1:0*5;121</c>.
/// </summary>
public static class ScheduleString
{
    /// <summary>The prefix naming the format version.</summary>
    public const string Prefix = "v1:";

    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>Encodes <paramref name="choices"/>.</summary>
    /// <param name="choices">Non-negative choices.</param>
    /// <exception cref="ArgumentException">A choice is negative.</exception>
    public static string Encode(IReadOnlyList<int> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var sb = new StringBuilder(Prefix, Prefix.Length + choices.Count);
        int i = 0;
        while (i < choices.Count)
        {
            int value = choices[i];
            if (value < 0)
            {
                throw new ArgumentException($"Choice {i} is negative.", nameof(choices));
            }

            int run = 1;
            while (i + run < choices.Count && choices[i + run] == value)
            {
                run++;
            }

            string token = value < 36 ? Digits[value].ToString() : "{" + ToBase36(value) + "}";
            if (run >= 3)
            {
                sb.Append(token).Append('*').Append(ToBase36(run)).Append(';');
            }
            else
            {
                sb.Append(token);
                if (run == 2)
                {
                    sb.Append(token);
                }
            }

            i += run;
        }

        return sb.ToString();
    }

    /// <summary>Decodes a string made by <see cref="Encode"/>.</summary>
    /// <param name="text">The schedule string.</param>
    /// <exception cref="FormatException">The text is not a schedule string of a known version.</exception>
    public static int[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"A schedule string starts with '{Prefix}'; got '{Truncate(text)}'.");
        }

        var result = new List<int>();
        int i = Prefix.Length;
        while (i < text.Length)
        {
            int value;
            if (text[i] == '{')
            {
                int close = text.IndexOf('}', i);
                value = close < 0 ? throw Bad(text, i) : FromBase36(text, i + 1, close, i);
                i = close + 1;
            }
            else
            {
                value = Digits.IndexOf(text[i], StringComparison.Ordinal);
                if (value < 0)
                {
                    throw Bad(text, i);
                }

                i++;
            }

            int count = 1;
            if (i < text.Length && text[i] == '*')
            {
                int end = text.IndexOf(';', i);
                count = end < 0 ? throw Bad(text, i) : FromBase36(text, i + 1, end, i);
                i = end + 1;
            }

            for (int k = 0; k < count; k++)
            {
                result.Add(value);
            }
        }

        return result.ToArray();
    }

    private static string ToBase36(int value)
    {
        if (value == 0)
        {
            return "0";
        }

        var sb = new StringBuilder();
        for (; value > 0; value /= 36)
        {
            sb.Insert(0, Digits[value % 36]);
        }

        return sb.ToString();
    }

    private static int FromBase36(string text, int start, int end, int at)
    {
        if (end <= start)
        {
            throw Bad(text, at);
        }

        long value = 0;
        for (int i = start; i < end; i++)
        {
            int digit = Digits.IndexOf(text[i], StringComparison.Ordinal);
            value = digit < 0 ? throw Bad(text, i) : (value * 36) + digit;
            if (value > int.MaxValue)
            {
                throw Bad(text, i);
            }
        }

        return (int)value;
    }

    private static FormatException Bad(string text, int at) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Bad schedule string at character {at}: '{Truncate(text)}'."));

    private static string Truncate(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
