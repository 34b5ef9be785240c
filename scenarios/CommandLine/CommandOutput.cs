using Spectre.Console;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// Where a command writes: plain writers, and a Spectre console over the same output for tables and the live
/// progress line. Lines that carry commands or paths are written with <see cref="Line"/>, never through Spectre,
/// because Spectre wraps text at the console's width and a wrapped command no longer pastes.
/// </summary>
internal sealed class CommandOutput
{
    /// <summary>The width tables are laid out to when the output is not a terminal.</summary>
    public const int RedirectedWidth = 160;

    public CommandOutput(TextWriter output, TextWriter error, bool isTerminal, int? width = null)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (width is { } columns)
        {
            Console.Profile.Width = columns;
        }
        else if (!isTerminal)
        {
            Console.Profile.Width = RedirectedWidth;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Whether stdout is a terminal (live progress, colour) or redirected (plain lines).</summary>
    public bool IsTerminal { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Writes one line as is: never wrapped, whatever its length and the console's width.</summary>
    public void Line(string text) => Out.WriteLine(text);

    /// <summary><paramref name="text"/> in colour (an SGR code such as <c>31</c> for red, <c>1</c> for bold) on a terminal that shows it.</summary>
    public string Paint(string text, string sgr) =>
        IsTerminal && Console.Profile.Capabilities.Ansi ? $"\u001b[{sgr}m{text}\u001b[0m" : text;
}
