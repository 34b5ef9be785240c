using Spectre.Console;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>Where a command writes: plain writers, and a Spectre console over the same output.</summary>
internal sealed class CommandOutput
{
    public CommandOutput(TextWriter output, TextWriter error, bool isTerminal)
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
        if (!isTerminal)
        {
            Console.Profile.Width = 160;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Whether stdout is a terminal (live progress) or redirected (plain lines).</summary>
    public bool IsTerminal { get; }

    public IAnsiConsole Console { get; }
}
