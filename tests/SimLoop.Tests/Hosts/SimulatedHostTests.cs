using System.Buffers;
using System.Net.Sockets;
using System.Text;
using Shouldly;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Tests.Hosts.Systems;
using Xunit;

namespace SimLoop.Tests.Hosts;

public sealed class SimulatedHostTests
{
    private static SimulatedEventLoop NewLoop(ulong seed = 0) => new(new SimulationOptions { Seed = seed, EscapeGracePeriod = TimeSpan.Zero });

    [Fact]
    public void Current_FlowsIntoHostTasks_AndTasksTheySpawn()
    {
        var loop = NewLoop();
        SimulatedHost a = loop.AddHost("a");
        var seen = new List<string?>();
        loop.RunUntilComplete(async ct =>
        {
            SimulatedHost.Current.ShouldBeNull();
            await a.Spawn(async c =>
            {
                seen.Add(SimulatedHost.Current?.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, c);
                seen.Add(SimulatedHost.Current?.Name);
                await loop.CreateTask(async _ => { await Task.Yield(); seen.Add(SimulatedHost.Current?.Name); }, "child");
            }, "worker");
            SimulatedHost.Current.ShouldBeNull();
            Should.Throw<InvalidOperationException>(() => SimulatedHost.RequiredCurrent).Message.ShouldContain("Spawn");
        });
        seen.ShouldBe(["a", "a", "a"]);
        loop.Hosts.ShouldBe([a]);
        loop.GetHost("a").ShouldBeSameAs(a);
        Should.Throw<KeyNotFoundException>(() => loop.GetHost("b"));
    }

    [Fact]
    public void ConfigureNetwork_AfterFirstUse_Throws()
    {
        var loop = NewLoop();
        _ = loop.Network;
        Should.Throw<InvalidOperationException>(() => loop.ConfigureNetwork(new VirtualNetworkOptions()));
    }

    [Fact]
    public void Crash_ResetsClients_CancelsHostTasks_RestartRunsStartAgainAndServes()
    {
        var loop = NewLoop();
        int boots = 0;
        var startCancelled = new List<bool>();
        SimulatedHost server = loop.AddHost("server", async (host, ct) =>
        {
            boots++;
            int conversation = 0;
            SimulatedServer echo = await host.StartServerAsync(async (stream, c) => { conversation++; await EchoServer.HandleAsync(stream, c); }, 7);
            try
            {
                await echo.WaitClosedAsync().WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                startCancelled.Add(true);
                throw;
            }
        });
        SimulatedHost client = loop.AddHost("client");
        loop.RunUntilComplete(async ct =>
        {
            await client.Spawn(async c =>
            {
                Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", 7, c);
                (await EchoServer.RunClientAsync(stream, ["before"], c)).ShouldBe(["before"]);
                server.TaskCount.ShouldBe(3);

                server.Crash();
                server.IsUp.ShouldBeFalse();
                IOException? error = null;
                try
                {
                    await stream.ReadExactlyAsync(new byte[10], c);
                }
                catch (IOException e)
                {
                    error = e;
                }

                error.ShouldNotBeNull().InnerException.ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBe(SocketError.ConnectionReset);
                server.TaskCount.ShouldBe(0);

                server.Restart();
                await Task.Delay(TimeSpan.FromMilliseconds(10), loop.TimeProvider, c);
                await using Stream again = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", 7, c);
                (await EchoServer.RunClientAsync(again, ["after"], c)).ShouldBe(["after"]);
            }, "client");
        });
        boots.ShouldBe(2);
        server.BootCount.ShouldBe(2);
        startCancelled.ShouldBe([true]);
        string trace = loop.Trace.ToText();
        trace.ShouldContain("host server spawn server/start");
        trace.ShouldContain("host server crash cancels 3 tasks");
        trace.ShouldContain("host server restart");
    }

    [Fact]
    public void Spawn_OnCrashedHost_Throws()
    {
        var loop = NewLoop();
        SimulatedHost a = loop.AddHost("a");
        a.Crash();
        Should.Throw<InvalidOperationException>(() => a.Spawn(_ => Task.CompletedTask)).Message.ShouldContain("crashed");
    }

    [Fact]
    public void CrashAndRestart_SameSeed_GivesSameTrace()
    {
        string Run()
        {
            var loop = NewLoop(seed: 9);
            loop.ConfigureNetwork(new VirtualNetworkOptions { DefaultLink = new LinkSettings { Latency = LatencyModel.Exponential(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(50)), LossRate = 0.1 } });
            SimulatedHost server = loop.AddHost("server", async (host, ct) => await (await host.StartServerAsync(EchoServer.HandleAsync, 7)).WaitClosedAsync());
            SimulatedHost client = loop.AddHost("client");
            loop.RunUntilComplete(async ct =>
            {
                await client.Spawn(async c =>
                {
                    for (int i = 0; i < 3; i++)
                    {
                        await using Stream stream = await SimulatedHost.RequiredCurrent.OpenConnectionAsync("server", 7, c);
                        await EchoServer.RunClientAsync(stream, [$"round {i}"], c);
                        server.Crash();
                        server.Restart();
                        await Task.Delay(TimeSpan.FromMilliseconds(5), loop.TimeProvider, c);
                    }
                });
            });
            return loop.Trace.Hash();
        }

        string first = Run();
        Run().ShouldBe(first);
        Run().ShouldBe(first);
    }

    [Fact]
    public void PipeReader_ClientAndServer_RunOnTheLoop()
    {
        var loop = NewLoop();
        SimulatedHost server = loop.AddHost("server", async (host, ct) =>
        {
            await host.StartServerAsync(async (stream, c) =>
            {
                await using SimulatedDuplexPipe pipe = SimulatedHost.RequiredCurrent.CreatePipe(stream);
                while (true)
                {
                    var result = await pipe.Input.ReadAsync(c);
                    var buffer = result.Buffer;
                    while (buffer.PositionOf((byte)'\n') is { } end)
                    {
                        string line = Encoding.UTF8.GetString(buffer.Slice(0, end));
                        await pipe.Output.WriteAsync(Encoding.UTF8.GetBytes(line.ToUpperInvariant() + "\n"), c);
                        buffer = buffer.Slice(buffer.GetPosition(1, end));
                    }

                    pipe.Input.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }

                await pipe.Output.CompleteAsync();
            }, 80);
        });
        SimulatedHost client = loop.AddHost("client");
        string reply = loop.RunUntilComplete(async ct => await client.Spawn(async c =>
        {
            ILoopTask? me = loop.CurrentTask;
            await using SimulatedDuplexPipe pipe = await SimulatedHost.RequiredCurrent.OpenPipeAsync("server", 80, c);
            await pipe.Output.WriteAsync("hello\nworld\n"u8.ToArray(), c);
            await pipe.Output.CompleteAsync();
            var all = new StringBuilder();
            while (true)
            {
                var result = await pipe.Input.ReadAsync(c);
                loop.CurrentTask.ShouldBeSameAs(me);
                await Task.Yield();
                foreach (ReadOnlyMemory<byte> segment in result.Buffer)
                {
                    all.Append(Encoding.UTF8.GetString(segment.Span));
                }

                pipe.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            return all.ToString();
        }, "pipe client"));
        reply.ShouldBe("HELLO\nWORLD\n");
    }
}
