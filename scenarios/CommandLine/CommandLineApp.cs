using System.CommandLine;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// The command line: <c>list</c>, <c>explore</c>, <c>replay</c>, <c>trace</c>. Exit codes: 0 no bug (or the run
/// passed), 1 a bug was found (or the replayed run failed), 2 bad arguments, with a one-line message.
/// </summary>
internal static class CommandLineApp
{
    public const int Passed = 0;
    public const int BugFound = 1;
    public const int BadArguments = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error, bool isTerminal)
    {
        var common = new CommonOptions();
        var list = new ListCommand(common);
        var explore = new ExploreCommand(common);
        var replay = new ReplayCommand(common);
        var trace = new TraceCommand(common);
        var commandOutput = new CommandOutput(output, error, isTerminal);
        var root = new RootCommand("SimLoop scenarios: small systems with real concurrency bugs, and the explorer that finds them.");
        foreach ((Command command, Func<ParseResult, CommandOutput, int> execute) in new (Command, Func<ParseResult, CommandOutput, int>)[]
        {
            (list.Command, list.Execute),
            (explore.Command, explore.Execute),
            (replay.Command, replay.Execute),
            (trace.Command, trace.Execute),
        })
        {
            command.SetAction(parse => Guarded(() => execute(parse, commandOutput), error));
            root.Subcommands.Add(command);
        }

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"error: {parsed.Errors[0].Message}");
            return BadArguments;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static int Guarded(Func<int> execute, TextWriter error)
    {
        try
        {
            return execute();
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return BadArguments;
        }
    }
}
