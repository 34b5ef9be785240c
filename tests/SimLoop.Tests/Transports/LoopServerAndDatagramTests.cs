using System.Net;
using System.Net.Sockets;
using Shouldly;
using SimLoop.Networking;
using SimLoop.Transports;
using Xunit;

namespace SimLoop.Tests.Transports;

public sealed class LoopServerAndDatagramTests
{
    private static readonly ConnectionOptions s_fromClient = TwoHostLoop.FromClient;

    [Fact]
    public void Close_StopsAccepting_ConnectionsStay_ThenCloseClientsEndsThem()
    {
        var loop = TwoHostLoop.Create();
        var accepted = new List<RecordingProtocol>();
        loop.RunUntilComplete(async ct =>
        {
            LoopServer server = await loop.CreateServerAsync(() => { var p = new RecordingProtocol(loop); accepted.Add(p); return p; }, "server", 7000, cancellationToken: ct);
            server.EndPoints.ShouldBe([new IPEndPoint(loop.GetHost("server").Addresses[0], 7000)]);
            var (transport, client) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            await accepted[0].Made;
            server.ClientCount.ShouldBe(1);

            server.Close();
            server.IsServing.ShouldBeFalse();
            SocketError refused = SocketError.Success;
            try
            {
                await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            }
            catch (SocketException e)
            {
                refused = e.SocketErrorCode;
            }

            refused.ShouldBe(SocketError.ConnectionRefused);
            transport.Write("still here"u8);
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            accepted[0].Received.ToString().ShouldBe("still here");

            Task closed = server.WaitClosedAsync();
            closed.IsCompleted.ShouldBeFalse();
            server.CloseClients();
            await closed;
            server.ClientCount.ShouldBe(0);
            (await client.Lost).ShouldBeNull();
            client.Events.ShouldBe(["made", "eof", "lost"]);
        });
    }

    [Fact]
    public void AbortClients_ResetsEveryClient()
    {
        var loop = TwoHostLoop.Create();
        loop.RunUntilComplete(async ct =>
        {
            LoopServer server = await loop.CreateServerAsync(() => new RecordingProtocol(loop), "server", 7000, cancellationToken: ct);
            var clients = new List<RecordingProtocol>();
            for (int i = 0; i < 3; i++)
            {
                clients.Add((await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct)).Protocol);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            server.ClientCount.ShouldBe(3);
            server.AbortClients();
            server.Close();
            await server.WaitClosedAsync();
            foreach (RecordingProtocol client in clients)
            {
                (await client.Lost).ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBe(SocketError.ConnectionReset);
            }
        });
    }

    [Fact]
    public void ServerHostCrash_ClientTransportLosesConnectionWithReset()
    {
        var loop = TwoHostLoop.Create();
        loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => new RecordingProtocol(loop), "server", 7000, cancellationToken: ct);
            var (_, client) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            loop.GetHost("server").Crash();
            (await client.Lost).ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBe(SocketError.ConnectionReset);
        });
    }

    [Fact]
    public void Datagrams_RoundTrip_AndLossDropsThem()
    {
        var loop = TwoHostLoop.Create();
        loop.RunUntilComplete(async ct =>
        {
            var serverAddress = new IPEndPoint(loop.GetHost("server").Addresses[0], 5353);
            var (serverTransport, server) = await loop.CreateDatagramEndpointAsync(
                () => new RecordingDatagramProtocol(loop) { OnDatagram = (p, text, from) => p.Transport!.SendTo(System.Text.Encoding.UTF8.GetBytes("re:" + text), from) },
                localEndPoint: serverAddress);
            var (clientTransport, client) = await loop.CreateDatagramEndpointAsync(
                () => new RecordingDatagramProtocol(loop), localEndPoint: new DnsEndPoint("client", 0), remoteEndPoint: serverAddress);
            ((IPEndPoint)serverTransport.GetExtraInfo("sockname")!).ShouldBe(serverAddress);

            clientTransport.SendTo("ping"u8);
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            server.Received.ShouldBe(["ping"]);
            client.Received.ShouldBe(["re:ping"]);

            loop.Network.SetLinkBothWays("client", "server", new LinkSettings { LossRate = 1.0 });
            clientTransport.SendTo("lost"u8);
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            server.Received.ShouldBe(["ping"]);

            Should.Throw<ArgumentException>(() => clientTransport.SendTo("x"u8, new IPEndPoint(IPAddress.Loopback, 1)));
            clientTransport.Close();
            serverTransport.Abort();
            (await client.Lost).ShouldBeNull();
            (await server.Lost).ShouldBeNull();
            client.Events.ShouldBe(["made", "lost"]);
        });
    }
}
