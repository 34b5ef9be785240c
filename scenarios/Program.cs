using SimLoop.Scenarios.CommandLine;

return CommandLineApp.Run(args, Console.Out, Console.Error, isTerminal: !Console.IsOutputRedirected, Invocation.Detect());
