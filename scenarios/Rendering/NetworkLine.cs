using System.Text.RegularExpressions;

namespace SimLoop.Scenarios.Rendering;

/// <summary>A network trace entry's text (<c>ticks Kind from-&gt;to detail</c>), taken apart.</summary>
internal sealed partial record NetworkLine(string Kind, string From, string To, string Detail, string MessageKind, string? MessageId)
{
    public static NetworkLine? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split(' ', 4);
        if (parts.Length < 3)
        {
            return null;
        }

        int arrow = parts[2].IndexOf("->", StringComparison.Ordinal);
        string from = arrow >= 0 ? parts[2][..arrow] : parts[2];
        string to = arrow >= 0 ? parts[2][(arrow + 2)..] : "";
        string detail = parts.Length > 3 ? parts[3] : "";
        Match id = MessageIdPattern().Match(detail);
        return new NetworkLine(parts[1], from, to, detail, detail.Split(' ')[0], id.Success ? id.Groups[1].Value : null);
    }

    [GeneratedRegex(@"#(\d+)")]
    private static partial Regex MessageIdPattern();
}
