using Shouldly;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Tests.Hosts.Systems;
using Xunit;

namespace SimLoop.Tests.Hosts;

public sealed class SystemsUnderFaultsTests
{
    private const int Clients = 20;

    [Fact]
    public void EchoServer_TwentyClients_UnderLatencyLossAndPartition_IsDeterministic()
    {
        var hashes = new HashSet<string>();
        for (int run = 0; run < 3; run++)
        {
            var (loop, results) = RunEcho(seed: 42);
            hashes.Add(loop.Trace.Hash());
            string trace = loop.Trace.ToText();
            trace.ShouldContain(" Dropped ");
            trace.ShouldContain("partition");
            for (int i = 0; i < Clients; i++)
            {
                results[i].ShouldBe(EchoMessages(i), $"client {i}");
            }
        }

        hashes.Count.ShouldBe(1);
    }

    [Fact]
    public void ChatServer_TwentyClients_UnderLatencyLossAndPartition_IsDeterministic()
    {
        var hashes = new HashSet<string>();
        for (int run = 0; run < 3; run++)
        {
            var (loop, heard) = RunChat(seed: 7);
            hashes.Add(loop.Trace.Hash());
            for (int i = 0; i < Clients; i++)
            {
                heard[i].Count.ShouldBe((Clients - 1) * 3);
                for (int j = 0; j < Clients; j++)
                {
                    List<string> fromJ = heard[i].Where(l => l.StartsWith($"c{j}: ", StringComparison.Ordinal)).ToList();
                    fromJ.ShouldBe(i == j ? [] : [$"c{j}: one", $"c{j}: two", $"c{j}: three"], $"client {i} hearing {j}");
                }
            }
        }

        hashes.Count.ShouldBe(1);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentTraces()
    {
        RunEcho(seed: 1).Loop.Trace.Hash().ShouldNotBe(RunEcho(seed: 2).Loop.Trace.Hash());
    }

    private static List<string> EchoMessages(int client) =>
        Enumerable.Range(0, 5).Select(k => $"client {client} message {k} " + new string((char)('a' + k), 100 * (client % 4) + k)).ToList();

    private static SimulatedEventLoop NewFaultyLoop(ulong seed, out SimulatedHost server, out List<SimulatedHost> clients)
    {
        var loop = new SimulatedEventLoop(new SimulationOptions { Seed = seed, EscapeGracePeriod = TimeSpan.Zero });
        loop.ConfigureNetwork(new VirtualNetworkOptions
        {
            DefaultLink = new LinkSettings { Latency = LatencyModel.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(30)), LossRate = 0.05 },
        });
        server = loop.AddHost("server");
        clients = Enumerable.Range(0, Clients).Select(i => loop.AddHost($"c{i}")).ToList();
        return loop;
    }

    private static void PartitionHalfThenRepair(SimulatedEventLoop loop, List<SimulatedHost> clients)
    {
        string[] half = clients.Take(Clients / 2).Select(c => c.Name).ToArray();
        loop.CallLater(TimeSpan.FromMilliseconds(20), () => loop.Network.Partition(["server"], half));
        loop.CallLater(TimeSpan.FromSeconds(3), () => loop.Network.Repair(["server"], half));
    }

    private static (SimulatedEventLoop Loop, List<string>[] Results) RunEcho(ulong seed)
    {
        var loop = NewFaultyLoop(seed, out SimulatedHost server, out List<SimulatedHost> clients);
        var results = new List<string>[Clients];
        loop.RunUntilComplete(async ct =>
        {
            SimulatedServer echo = await server.StartServerAsync(EchoServer.HandleAsync, 7);
            PartitionHalfThenRepair(loop, clients);
            var tasks = clients.Select((host, i) => host.Spawn(async c =>
            {
                await using Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", 7, c);
                results[i] = await EchoServer.RunClientAsync(stream, EchoMessages(i), c);
            }, "echo client")).ToList();
            foreach (LoopTask task in tasks)
            {
                await task;
            }

            echo.Close();
            await echo.WaitClosedAsync();
        });
        return (loop, results);
    }

    private static (SimulatedEventLoop Loop, List<string>[] Heard) RunChat(ulong seed)
    {
        var loop = NewFaultyLoop(seed, out SimulatedHost server, out List<SimulatedHost> clients);
        var heard = new List<string>[Clients];
        var chat = new ChatServer(Clients);
        loop.RunUntilComplete(async ct =>
        {
            SimulatedServer listening = await server.StartServerAsync(chat.HandleAsync, 6667);
            PartitionHalfThenRepair(loop, clients);
            var tasks = clients.Select((host, i) => host.Spawn(async c =>
            {
                await using Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", 6667, c);
                heard[i] = await ChatServer.RunClientAsync(stream, $"c{i}", ["one", "two", "three"], (Clients - 1) * 3, c);
            }, "chat client")).ToList();
            foreach (LoopTask task in tasks)
            {
                await task;
            }

            listening.Close();
            await listening.WaitClosedAsync();
        });
        return (loop, heard);
    }
}
