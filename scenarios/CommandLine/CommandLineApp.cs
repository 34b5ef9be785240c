using System.CommandLine;

namespace SimLoop.Scenarios.CommandLine;

/// <summary>
/// The command line: <c>list</c>, <c>explore</c>, <c>replay</c>, <c>trace</c>, <c>merge</c>. Exit codes: 0 no bug (or the run
/// passed), 1 a bug was found (or the replayed run failed), 2 bad arguments or unusable input, with a one-line
/// message on stderr that says what is wrong in words.
/// </summary>
internal static class CommandLineApp
{
    public const int Passed = 0;
    public const int BugFound = 1;
    public const int BadArguments = 2;

    private static readonly string[] s_helpTokens = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="isTerminal">Whether <paramref name="output"/> is a terminal.</param>
    /// <param name="invocation">How the user started the program (the prefix of printed commands); detected if null.</param>
    /// <param name="width">The console width for tables; the terminal's (or 160 when redirected) if null.</param>
    /// <param name="environment">Reads an environment variable (<c>--shard auto</c>); this process's environment if null.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool isTerminal, Invocation? invocation = null, int? width = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        invocation ??= Invocation.Detect();
        var common = new CommonOptions(invocation);
        var list = new ListCommand(common);
        var explore = new ExploreCommand(common, environment);
        var merge = new MergeCommand(common);
        var replay = new ReplayCommand(common);
        var trace = new TraceCommand(common);
        var commandOutput = new CommandOutput(output, error, isTerminal, width);
        var root = new RootCommand("SimLoop explorer: runs [Scenario] methods over many seeds, finds and shrinks the bug, replays and draws it.");
        var commands = new (Command, Func<ParseResult, CommandOutput, int>)[]
        {
            (list.Command, list.Execute),
            (explore.Command, explore.Execute),
            (replay.Command, replay.Execute),
            (trace.Command, trace.Execute),
            (merge.Command, merge.Execute),
        };
        foreach ((Command command, Func<ParseResult, CommandOutput, int> execute) in commands)
        {
            command.SetAction(parse => Guarded(() => execute(parse, commandOutput), error));
            root.Subcommands.Add(command);
        }

        string names = string.Join(", ", commands.Select(c => c.Item1.Name));
        if (args.Length == 0)
        {
            error.WriteLine($"error: no command given; the commands are {names} (try: {invocation.Prefix} list, or {invocation.Prefix} --help)");
            return BadArguments;
        }

        if (!s_helpTokens.Contains(args[0]) && !commands.Any(c => c.Item1.Name == args[0]))
        {
            error.WriteLine($"error: unknown command '{args[0]}'; the commands are {names} (try: {invocation.Prefix} --help)");
            return BadArguments;
        }

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"error: {InWords(parsed.Errors[0].Message, args[0], invocation)}");
            return BadArguments;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>System.CommandLine's messages, said for this program.</summary>
    private static string InWords(string message, string command, Invocation invocation)
    {
        if (message.StartsWith("Required argument missing", StringComparison.Ordinal) && command == MergeCommand.Name)
        {
            return $"merge needs the report files written by explore --json: {invocation.Prefix} merge shard-1.json shard-2.json ...";
        }

        if (message.StartsWith("Required argument missing", StringComparison.Ordinal))
        {
            return $"{command} needs a scenario name: {invocation.Prefix} {command} <scenario> (see {invocation.Prefix} list)";
        }

        return message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)
            ? $"{message.TrimEnd('.')} (see {invocation.Prefix} {command} --help for the options)"
            : message;
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
        catch (OptionsValidationException ex)
        {
            // The options' one validation, said with the command-line option that set each bad value.
            error.WriteLine($"error: {CommonOptions.InWords(ex)}");
            return BadArguments;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An input the command could not read (a scenario assembly's missing dependency, a file that vanished).
            error.WriteLine($"error: {ex.Message}");
            return BadArguments;
        }
    }
}
