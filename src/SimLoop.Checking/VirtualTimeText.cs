using System.Globalization;

namespace SimLoop.Checking;

/// <summary>How checkers print a virtual time: milliseconds, invariant culture (<c>12.5 ms</c>).</summary>
internal static class VirtualTimeText
{
    public static string Milliseconds(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.###} ms");
}
