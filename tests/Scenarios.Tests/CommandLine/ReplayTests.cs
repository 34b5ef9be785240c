using System.Text.Json;

namespace SimLoop.Scenarios.Tests.CommandLine;

/// <summary>The printed replay commands reproduce the failure and its trace in new processes.</summary>
public sealed class ReplayTests
{
    [Fact]
    public void The_printed_replay_commands_reproduce_the_same_trace_in_new_processes()
    {
        string folder = Cli.TempFolder();
        (int code, string output, _) = Cli.RunProcessIn(folder, "explore", "lost-update", "--json");
        code.ShouldBe(1);
        JsonElement found = JsonDocument.Parse(output).RootElement;
        string seed = found.GetProperty("failingSeeds")[0].GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string traceHash = found.GetProperty("traceHash").GetString()!;
        string traceFile = found.GetProperty("traceFile").GetString()!;
        traceFile.ShouldStartWith(Path.Combine(folder, "simloop-failures"));
        string replayCommand = found.GetProperty("replayCommand").GetString()!;
        replayCommand.ShouldBe($"dotnet {Cli.ScenariosDll()} replay lost-update --seed {seed}", "run as 'dotnet <dll>', the printed command names the dll");

        for (int process = 0; process < 2; process++)
        {
            // Pasted as printed, from the folder the user is in.
            (int replayCode, string replayed, _) = Cli.RunShell(replayCommand, folder);
            replayCode.ShouldBe(1);
            replayed.ShouldContain("FAILED lost-update");
            replayed.ShouldContain($"trace hash: {traceHash}");
        }

        string traceReplay = found.GetProperty("traceReplayCommand").GetString()!;
        traceReplay.ShouldBe($"dotnet {Cli.ScenariosDll()} replay lost-update --trace {Path.GetRelativePath(folder, traceFile)}");
        (int fileCode, string fromFile, _) = Cli.RunShell(traceReplay, folder);
        fileCode.ShouldBe(1);
        fromFile.ShouldContain($"trace hash: {found.GetProperty("minimisedTraceHash").GetString()}");
        fromFile.ShouldContain("matches the trace file's hash");
    }

    [Fact]
    public void Verbose_replay_prints_the_interleaving_step_by_step()
    {
        (int code, string output, _) = Cli.Run("replay", "kv-replication", "--seed", "1", "--verbose");
        code.ShouldBeOneOf(0, 1);
        output.ShouldContain("client/writes runs a step");
        output.ShouldContain("net  Sent client->primary");
        output.ShouldContain("primary crash cancels 2 tasks", Case.Sensitive, "the chaos task crashes the primary through the host model, which cancels its serve and backup-acks tasks");
        output.ShouldContain("clock jumps to");
        output.ShouldContain("trace hash: ");
    }

    [Fact]
    public void A_deadlock_is_reported_with_the_waiting_tasks()
    {
        JsonElement found = Cli.Json("explore", "async-deadlock", "--failure-folder", Cli.TempFolder());
        found.GetProperty("exceptionType").GetString().ShouldBe("SimLoop.DeadlockException");
        string seed = found.GetProperty("failingSeeds")[0].GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (int code, string output, _) = Cli.Run("replay", "async-deadlock", "--seed", seed);
        code.ShouldBe(1);
        output.ShouldContain("DeadlockException");
        output.ShouldContain("ledger/conn-1");
        output.ShouldContain("ledger/conn-2");
    }
}
