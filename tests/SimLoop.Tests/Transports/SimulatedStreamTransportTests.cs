using System.Net;
using System.Net.Sockets;
using System.Text;
using Shouldly;
using SimLoop.Networking;
using SimLoop.Transports;
using Xunit;

namespace SimLoop.Tests.Transports;

public sealed class SimulatedStreamTransportTests
{
    private static readonly ConnectionOptions s_fromClient = TwoHostLoop.FromClient;

    [Fact]
    public void CallOrder_MadeDataEofLost_OnBothSides_WithHalfClose()
    {
        var loop = TwoHostLoop.Create();
        var server = new RecordingProtocol(loop)
        {
            OnEof = p =>
            {
                p.Write("bye:" + p.Received);
                p.Transport!.Close();
                return true;
            },
        };
        RecordingProtocol client = loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => server, "server", 7000, cancellationToken: ct);
            var (transport, protocol) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            protocol.Events.ShouldBe(["made"]);
            transport.Write("hel"u8);
            transport.Write("lo"u8);
            transport.WriteEof();
            Should.Throw<InvalidOperationException>(() => transport.Write("x"u8));
            await protocol.Lost;
            await server.Lost;
            return protocol;
        });

        server.Events.ShouldBe(["made", "data", "eof", "lost"]);
        server.Received.ToString().ShouldBe("hello");
        client.Events.ShouldBe(["made", "data", "eof", "lost"]);
        client.Received.ToString().ShouldBe("bye:hello");
    }

    [Fact]
    public void ExtraInfo_HasPeerAndSocketNames()
    {
        var loop = TwoHostLoop.Create();
        loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => new RecordingProtocol(loop), "server", 7000, cancellationToken: ct);
            var (transport, _) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            ((IPEndPoint)transport.GetExtraInfo("peername")!).ShouldBe(new IPEndPoint(loop.GetHost("server").Addresses[0], 7000));
            ((IPEndPoint)transport.GetExtraInfo("sockname")!).Address.ShouldBe(loop.GetHost("client").Addresses[0]);
            transport.GetExtraInfo("nope", "default").ShouldBe("default");
            transport.Close();
        });
    }

    [Fact]
    public void WriteBuffer_PausesAndResumesExactlyOncePerCrossing()
    {
        var loop = TwoHostLoop.Create(new VirtualNetworkOptions { SendBufferSize = 1024, ReceiveBufferSize = 1024 });
        var server = new RecordingProtocol(loop) { OnMade = p => p.Transport!.PauseReading() };
        loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => server, "server", 7000, cancellationToken: ct);
            var (transport, client) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            await server.Made;
            transport.SetWriteBufferLimits(high: 4000, low: 1000);
            transport.WriteBufferLimits.ShouldBe((1000, 4000));
            for (int round = 1; round <= 2; round++)
            {
                for (int i = 0; i < 10; i++)
                {
                    transport.Write(new byte[1000]);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
                client.Pauses.ShouldBe(round);
                client.Resumes.ShouldBe(round - 1);
                transport.WriteBufferSize.ShouldBeGreaterThan(4000);
                server.Transport!.ResumeReading();
                await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
                client.Pauses.ShouldBe(round);
                client.Resumes.ShouldBe(round);
                transport.WriteBufferSize.ShouldBe(0);
                server.Transport.PauseReading();
            }

            server.Received.Length.ShouldBe(20_000);
            transport.Close();
        });
    }

    [Fact]
    public void SetWriteBufferLimits_RejectsHighBelowLow()
    {
        var loop = TwoHostLoop.Create();
        loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => new RecordingProtocol(loop), "server", 7000, cancellationToken: ct);
            var (transport, _) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            transport.WriteBufferLimits.ShouldBe((16 * 1024, 64 * 1024));
            Should.Throw<ArgumentOutOfRangeException>(() => transport.SetWriteBufferLimits(high: 10, low: 20));
            Should.Throw<ArgumentOutOfRangeException>(() => transport.SetWriteBufferLimits(high: 10, low: -1));
            transport.Close();
        });
    }

    [Fact]
    public void PauseReading_HoldsDataUntilResume()
    {
        var loop = TwoHostLoop.Create();
        var server = new RecordingProtocol(loop);
        loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => server, "server", 7000, cancellationToken: ct);
            var (transport, _) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            await server.Made;
            server.Transport!.PauseReading();
            server.Transport.IsReading.ShouldBeFalse();
            transport.Write("held"u8);
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            server.Received.ToString().ShouldBe("");
            server.Transport.ResumeReading();
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
            server.Received.ToString().ShouldBe("held");
            transport.Close();
        });
    }

    [Fact]
    public void Abort_PeerSeesConnectionReset()
    {
        var loop = TwoHostLoop.Create();
        var server = new RecordingProtocol(loop);
        RecordingProtocol client = loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => server, "server", 7000, cancellationToken: ct);
            var (transport, protocol) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            await server.Made;
            transport.Abort();
            transport.IsClosing.ShouldBeTrue();
            (await protocol.Lost).ShouldBeNull();
            var error = (await server.Lost).ShouldBeOfType<SocketException>();
            error.SocketErrorCode.ShouldBe(SocketError.ConnectionReset);
            return protocol;
        });
        client.Events.ShouldBe(["made", "lost"]);
        server.Events.ShouldBe(["made", "lost:ConnectionReset"]);
    }

    [Fact]
    public void BufferedProtocol_ReceivesIntoItsOwnBuffer()
    {
        var loop = TwoHostLoop.Create();
        var server = new BufferedRecorder();
        loop.RunUntilComplete(async ct =>
        {
            await loop.CreateServerAsync(() => server, "server", 7000, cancellationToken: ct);
            var (transport, _) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct);
            transport.Write("buffered"u8);
            transport.Close();
            await Task.Delay(TimeSpan.FromSeconds(1), loop.TimeProvider, ct);
        });
        server.Text.ToString().ShouldBe("buffered");
        server.Events.ShouldBe(["made", "data", "eof", "lost"]);
    }

    [Fact]
    public void CreateConnection_NoListener_IsRefused()
    {
        var loop = TwoHostLoop.Create();
        var error = Should.Throw<SocketException>(() => loop.RunUntilComplete(ct =>
            loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, s_fromClient, ct)));
        error.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
    }

    [Fact]
    public void CreateConnection_UnknownHost_IsHostNotFound()
    {
        var loop = TwoHostLoop.Create();
        var error = Should.Throw<SocketException>(() => loop.RunUntilComplete(ct =>
            loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "nowhere", 7000, s_fromClient, ct)));
        error.SocketErrorCode.ShouldBe(SocketError.HostNotFound);
    }

    [Fact]
    public void CreateConnection_WithoutAnyHost_SaysHowToChooseOne()
    {
        var loop = TwoHostLoop.Create();
        var error = Should.Throw<InvalidOperationException>(() => loop.RunUntilComplete(ct =>
            loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, null, ct)));
        error.Message.ShouldContain("LocalHost");
    }

    private sealed class BufferedRecorder : IBufferedProtocol
    {
        private readonly byte[] _buffer = new byte[3];

        public List<string> Events { get; } = [];

        public StringBuilder Text { get; } = new();

        public void ConnectionMade(IBaseTransport transport) => Events.Add("made");

        public Memory<byte> GetBuffer(int sizeHint)
        {
            if (Events[^1] != "data")
            {
                Events.Add("data");
            }

            return _buffer;
        }

        public void BufferUpdated(int bytesWritten)
        {
            Events[^1].ShouldBe("data");
            Text.Append(Encoding.UTF8.GetString(_buffer, 0, bytesWritten));
        }

        public bool EofReceived()
        {
            Events.Add("eof");
            return false;
        }

        public void ConnectionLost(Exception? exception) => Events.Add(exception is null ? "lost" : "lost:" + exception.Message);
    }
}
