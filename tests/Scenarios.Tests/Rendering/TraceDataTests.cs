using SimLoop.Networking;
using SimLoop.Scenarios.CommandLine;
using SimLoop.Scenarios.Tests.CommandLine;
using SimLoop.Scheduling;

namespace SimLoop.Scenarios.Tests.Rendering;

/// <summary>What the pictures read: trace entries keep network and host events as data, not as text.</summary>
public sealed class TraceDataTests
{
    [Fact]
    public void Network_entries_carry_the_message_id_kind_length_and_first_bytes_and_host_entries_their_host_event()
    {
        (int code, _, string error) = Cli.Run("replay", "double-booking", "--seed", "1");
        error.ShouldBeEmpty();
        code.ShouldBeOneOf(0, 1);
        ScheduleTrace trace = ScenarioRunner.LastLoopOnThisThread.ShouldNotBeNull().Trace;

        TraceEntry request = trace.Entries.Single(e => e.Event is NetworkEvent { Kind: NetworkEventKind.Sent, Message: MessageKind.Data, From: "alice" });
        var sent = (NetworkEvent)request.Event!;
        sent.FirstBytes.AsPrintableText().ShouldBe("BOOK row-1-seat-7 alice\\n");
        sent.Length.ShouldBe(24);
        sent.MessageId.ShouldBeGreaterThan(0);
        request.Text.ShouldBe(sent.ToString());
        trace.Entries.Any(e => e.Event is NetworkEvent { Kind: NetworkEventKind.Delivered } d && d.MessageId == sent.MessageId).ShouldBeTrue();

        trace.Entries.All(e => e.Kind != TraceEntryKind.Network || e.Event is NetworkEvent).ShouldBeTrue();
        TraceEntry spawn = trace.Entries.First(e => e.Event is HostEvent { Kind: HostEventKind.Spawn, Host: "alice" });
        spawn.Kind.ShouldBe(TraceEntryKind.Host);
        spawn.Value.ShouldBeGreaterThan(0); // the spawned task's id
        string text = trace.ToText();
        text.ShouldContain(" host alice spawn alice/book\n");
        text.Split('\n').ShouldNotContain(line => line.Contains(" network ", StringComparison.Ordinal) && line.Contains(" host ", StringComparison.Ordinal));
    }
}
