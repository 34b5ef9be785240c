using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Scenarios.Catalogue.Wire;

namespace SimLoop.Scenarios.Catalogue.ChatServer;

internal static class ChatServerScenario
{
    private const int Stayers = 3;
    private const int MessagesEach = 3;

    [Scenario("chat-server",
        Description = "Line-protocol chat; a client aborting while a broadcast is in flight kills the broadcast and others miss messages.",
        Budget = 200)]
    public static async Task Run(ScenarioContext ctx, CancellationToken ct)
    {
        ctx.Network.SetDefaultLink(new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4)) });
        new ChatRoom(ctx.Time, isolateFailures: ctx.Fixed).Start(ctx.Loop.AddHost(ChatRoom.Host));

        var everyoneJoined = new TaskCompletionSource();
        int joined = 0;
        void Joined()
        {
            if (++joined == Stayers + 1)
            {
                everyoneJoined.SetResult();
            }
        }

        var inboxes = new List<(string Name, List<string> Inbox, LoopTask Task)>();
        for (int c = 1; c <= Stayers; c++)
        {
            string name = $"user-{c}";
            SimulatedHost user = ctx.Loop.AddHost(name);
            var inbox = new List<string>();
            int[] sendTimes = Enumerable.Range(0, MessagesEach).Select(_ => ctx.Random.Next(0, 60)).Order().ToArray();
            LoopTask task = user.Spawn(t => StayerAsync(ctx, user, sendTimes, inbox, Joined, everyoneJoined.Task, t), "chat");
            inboxes.Add((name, inbox, task));
        }

        SimulatedHost leaverHost = ctx.Loop.AddHost("leaver");
        int leaveAt = ctx.Random.Next(0, 60);
        LoopTask leaver = leaverHost.Spawn(async t =>
        {
            VirtualStream stream = await leaverHost.OpenConnectionAsync(ChatRoom.Host, ChatRoom.Port, t);
            Joined();
            await everyoneJoined.Task;
            await Task.Delay(TimeSpan.FromMilliseconds(leaveAt), ctx.Time, t);
            stream.Abort();
        }, "chat");

        foreach ((_, _, LoopTask task) in inboxes)
        {
            await task;
        }

        await leaver;
        string[] expected = inboxes.SelectMany(s => Enumerable.Range(1, MessagesEach).Select(m => $"{s.Name}: message {m}")).Order(StringComparer.Ordinal).ToArray();
        foreach ((string name, List<string> inbox, _) in inboxes)
        {
            string[] missing = expected.Except(inbox, StringComparer.Ordinal).ToArray();
            InvariantViolationException.ThrowIfFalse(missing.Length == 0,
                $"{name} stayed connected but missed {missing.Length} of {expected.Length} messages: {string.Join("; ", missing)}");
        }
    }

    private static async Task StayerAsync(ScenarioContext ctx, SimulatedHost user, int[] sendTimes, List<string> inbox, Action joined, Task everyoneJoined, CancellationToken ct)
    {
        var room = new LineStream(await user.OpenConnectionAsync(ChatRoom.Host, ChatRoom.Port, ct));
        joined();
        await everyoneJoined;
        LoopTask reader = user.Spawn(async t =>
        {
            while (inbox.Count < Stayers * MessagesEach && await room.ReadLineAsync(t) is { } line)
            {
                inbox.Add(line);
            }
        }, "inbox");
        long start = ctx.Loop.NowTicks;
        for (int m = 0; m < sendTimes.Length; m++)
        {
            long due = start + TimeSpan.FromMilliseconds(sendTimes[m]).Ticks;
            if (due > ctx.Loop.NowTicks)
            {
                await Task.Delay(TimeSpan.FromTicks(due - ctx.Loop.NowTicks), ctx.Time, ct);
            }

            await room.WriteLineAsync($"{user.Name}: message {m + 1}", ct);
        }

        // Give the room a generous second to deliver everything, then stop listening.
        await Task.WhenAny(reader.AsTask(), Task.Delay(TimeSpan.FromSeconds(1), ctx.Time, ct));
    }
}
