using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>Printed commands name what the user has: the tool, a local tool, the repository's project, or the program.</summary>
public sealed class InvocationTests
{
    [Fact]
    public void Invocation_as_the_installed_tool_prints_simloop()
    {
        Invocation.From(null, "/home/me/.dotnet/tools/simloop", "/home/me/.dotnet/tools/.store/simloop.explorer/0.1.0/simloop.explorer/0.1.0/tools/net10.0/any/SimLoop.Scenarios.dll", "/home/me/app")
            .Prefix.ShouldBe("simloop");
        Invocation.From(null, @"C:\Users\me\.dotnet\tools\simloop.exe", @"C:\x\SimLoop.Scenarios.dll", @"C:\app").Prefix.ShouldBe("simloop");
    }

    [Fact]
    public void Invocation_as_a_local_tool_prints_dotnet_simloop()
    {
        Invocation.From(null, "/usr/share/dotnet/dotnet", "/home/me/.nuget/packages/simloop.explorer/0.1.0/tools/net10.0/any/SimLoop.Scenarios.dll", "/home/me/app")
            .Prefix.ShouldBe("dotnet simloop");
    }

    [Fact]
    public void Invocation_from_the_repository_prints_dotnet_run_with_the_project_as_seen_from_the_current_folder()
    {
        string repo = Cli.TempFolder();
        string project = Path.Combine(repo, "scenarios");
        string output = Path.Combine(project, "bin", "Debug", "net10.0");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(project, "Scenarios.csproj"), "<Project />");
        string dll = Path.Combine(output, "SimLoop.Scenarios.dll");

        Invocation.From(null, Path.Combine(output, "SimLoop.Scenarios"), dll, repo).Prefix.ShouldBe("dotnet run --project scenarios --");
        Invocation.From(null, Path.Combine(output, "SimLoop.Scenarios"), dll, project).Prefix.ShouldBe("dotnet run --project . --");
        string elsewhere = Cli.TempFolder();
        Invocation.From(null, Path.Combine(output, "SimLoop.Scenarios"), dll, elsewhere).Prefix.ShouldBe($"dotnet run --project {project} --");
        Invocation.RepositoryRoot.Prefix.ShouldBe("dotnet run --project scenarios --");
    }

    [Fact]
    public void Invocation_of_the_dll_elsewhere_prints_dotnet_and_the_dll()
    {
        Invocation.From(null, "/usr/bin/dotnet", "/opt/explorer/SimLoop.Scenarios.dll", "/home/me").Prefix.ShouldBe("dotnet /opt/explorer/SimLoop.Scenarios.dll");
        Invocation.From(null, "/usr/bin/dotnet", "/home/me/my tools/SimLoop.Scenarios.dll", "/home/me").Prefix.ShouldBe("dotnet \"my tools/SimLoop.Scenarios.dll\"");
    }

    [Fact]
    public void The_program_built_in_the_repository_prints_the_readmes_dotnet_run_form_from_the_root()
    {
        // What `dotnet run --project scenarios -- list` starts: the scenarios project's own apphost.
        string dll = Cli.ScenariosDll();
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        string root = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        string apphost = Path.Combine(root, "scenarios", "bin", testOutput.Parent.Name, testOutput.Name, "SimLoop.Scenarios");
        if (!File.Exists(apphost))
        {
            Assert.Skip($"no apphost at {apphost} (built elsewhere than {root}); {dll} is tested instead by the replay tests");
        }

        (int code, string output, _) = Cli.RunShell($"{apphost} list", root);
        code.ShouldBe(0);
        output.ShouldContain("Try: dotnet run --project scenarios -- explore lost-update\n");
        (code, output, _) = Cli.RunShell($"{apphost} list", Path.Combine(root, "docs"));
        code.ShouldBe(0);
        output.ShouldContain($"Try: dotnet run --project {Path.Combine(root, "scenarios")} -- explore lost-update\n");
    }

    [Fact]
    public void Invocation_override_from_the_environment_wins()
    {
        Invocation.From("  my-wrapper explore-tool ", "/home/me/.dotnet/tools/simloop", "/x.dll", "/").Prefix.ShouldBe("my-wrapper explore-tool");
    }

    [Fact]
    public void Printed_commands_use_the_invocation()
    {
        (int code, string output, _) = Cli.RunAs(Invocation.Tool, isTerminal: false, width: null, "explore", "lost-update", "--failure-folder", Cli.TempFolder());
        code.ShouldBe(1);
        output.ShouldMatch(@"replay the seed: +simloop replay lost-update --seed \d+\n");
        output.ShouldMatch(@"replay the minimised run: simloop replay lost-update --trace ");
        output.ShouldMatch(@"draw it: +simloop trace lost-update --seed \d+ --html lost-update-\d+\.html\n");
        output.ShouldNotContain("dotnet run");
    }
}
