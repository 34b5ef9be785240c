using System.Net;
using System.Net.Sockets;
using Shouldly;
using SimLoop.Tests.Support;
using SimLoop.Transports;
using Xunit;

namespace SimLoop.Tests.Loop;

/// <summary>
/// The generic halves of connections and servers (asyncio-model.md section 3), driven through <see cref="TestLoop"/>:
/// a third-party loop that only implements the hooks.
/// </summary>
public sealed class BaseEventLoopNetworkTests
{
    private static readonly IPAddress s_a1 = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress s_a2 = IPAddress.Parse("10.0.0.2");
    private static readonly IPAddress s_a3 = IPAddress.Parse("10.0.0.3");

    private readonly TestLoop _loop = new();

    [Fact]
    public void CreateConnection_TriesEachResolvedAddressInOrderUntilOneConnects()
    {
        _loop.Hosts["db"] = [s_a1, s_a2, s_a3];
        _loop.ConnectErrors[new IPEndPoint(s_a1, 5432)] = SocketError.ConnectionRefused;
        _loop.ConnectErrors[new IPEndPoint(s_a2, 5432)] = SocketError.TimedOut;
        StartServer(new IPEndPoint(s_a3, 5432));
        (ITransport transport, RecordingProtocol protocol) = Connect("db", 5432);
        _loop.Resolutions.ShouldBe(["db"]);
        _loop.ConnectAttempts.ShouldBe([new IPEndPoint(s_a1, 5432), new IPEndPoint(s_a2, 5432), new IPEndPoint(s_a3, 5432)]);
        protocol.Calls.ShouldBe(["made"]);
        protocol.Transport.ShouldBeSameAs(transport);
        transport.GetExtraInfo("peername").ShouldBe(new IPEndPoint(s_a3, 5432));
    }

    [Fact]
    public void CreateConnection_AllAddressesFailDifferently_ThrowsMultipleExceptions()
    {
        _loop.Hosts["db"] = [s_a1, s_a2];
        _loop.ConnectErrors[new IPEndPoint(s_a1, 1)] = SocketError.ConnectionRefused;
        _loop.ConnectErrors[new IPEndPoint(s_a2, 1)] = SocketError.TimedOut;
        var ex = Should.Throw<AggregateException>(() => Connect("db", 1));
        string refused = new SocketException((int)SocketError.ConnectionRefused).Message;
        string timedOut = new SocketException((int)SocketError.TimedOut).Message;
        ex.Message.ShouldStartWith($"Multiple exceptions: {refused}, {timedOut}");
        ex.InnerExceptions.Count.ShouldBe(2);
    }

    [Fact]
    public void CreateConnection_AllAddressesFailTheSameWay_RethrowsTheError()
    {
        _loop.Hosts["db"] = [s_a1, s_a2];
        var ex = Should.Throw<SocketException>(() => Connect("db", 1));
        ex.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
        _loop.ConnectAttempts.Count.ShouldBe(2);
    }

    [Fact]
    public void CreateConnection_SingleAddressFails_RethrowsItsError()
    {
        _loop.ConnectErrors[new IPEndPoint(s_a1, 1)] = SocketError.HostUnreachable;
        Should.Throw<SocketException>(() => Connect("10.0.0.1", 1))
            .SocketErrorCode.ShouldBe(SocketError.HostUnreachable);
    }

    [Fact]
    public void CreateConnection_LiteralAddress_SkipsResolution()
    {
        StartServer(new IPEndPoint(s_a2, 80));
        Connect("10.0.0.2", 80);
        _loop.Resolutions.ShouldBeEmpty();
        _loop.ConnectAttempts.ShouldBe([new IPEndPoint(s_a2, 80)]);
    }

    [Fact]
    public void CreateConnection_NameResolvesToNothing_ThrowsHostNotFound()
    {
        Should.Throw<SocketException>(() => Connect("nowhere", 80))
            .SocketErrorCode.ShouldBe(SocketError.HostNotFound);
        _loop.ConnectAttempts.ShouldBeEmpty();
    }

    [Fact]
    public void GetAddrInfo_FamilyFilter_KeepsOnlyThatFamilyInResolverOrder()
    {
        _loop.Hosts["dual"] = [IPAddress.IPv6Loopback, s_a1, IPAddress.Parse("fe80::1"), s_a2];
        IReadOnlyList<IPEndPoint> v4 = _loop.RunUntilComplete(_ => _loop.GetAddrInfoAsync("dual", 7, AddressFamily.InterNetwork));
        v4.ShouldBe([new IPEndPoint(s_a1, 7), new IPEndPoint(s_a2, 7)]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void GetAddrInfo_PortOutOfRange_Throws(int port)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => _loop.RunUntilComplete(_ => _loop.GetAddrInfoAsync("10.0.0.1", port)));
    }

    [Fact]
    public void CreateServer_AcceptsConnectionsWithPeernameAndAttachesThem()
    {
        var serverProtocols = new List<RecordingProtocol>();
        LoopServer server = _loop.RunUntilComplete(_ => _loop.CreateServerAsync(() => { var p = new RecordingProtocol(); serverProtocols.Add(p); return p; }, "10.0.0.1", 0));
        server.IsServing.ShouldBeTrue();
        server.Backlog.ShouldBe(100);
        var bound = (IPEndPoint)server.EndPoints.ShouldHaveSingleItem();
        bound.Address.ShouldBe(s_a1);
        bound.Port.ShouldNotBe(0);
        Connect("10.0.0.1", bound.Port);
        RunUntilIdle();
        serverProtocols.ShouldHaveSingleItem().Calls.ShouldBe(["made"]);
        server.ClientCount.ShouldBe(1);
        IBaseTransport accepted = serverProtocols[0].Transport!;
        accepted.GetExtraInfo("peername").ShouldBeOfType<IPEndPoint>().Address.ShouldBe(IPAddress.Loopback);
    }

    [Fact]
    public void CreateServer_StartServingFalse_RefusesUntilStarted()
    {
        LoopServer server = _loop.RunUntilComplete(_ => _loop.CreateServerAsync(() => new RecordingProtocol(), "10.0.0.1", 9000, startServing: false));
        server.IsServing.ShouldBeFalse();
        Should.Throw<SocketException>(() => Connect("10.0.0.1", 9000));
        server.StartServing();
        server.IsServing.ShouldBeTrue();
        Connect("10.0.0.1", 9000);
    }

    [Fact]
    public void LoopServer_Close_StopsAcceptingButKeepsClients()
    {
        var serverProtocols = new List<RecordingProtocol>();
        LoopServer server = StartServer(new IPEndPoint(s_a1, 80), serverProtocols);
        Connect("10.0.0.1", 80);
        RunUntilIdle();
        server.Close();
        server.IsServing.ShouldBeFalse();
        server.ClientCount.ShouldBe(1);
        ((ITransport)serverProtocols[0].Transport!).IsClosing.ShouldBeFalse();
        Should.Throw<SocketException>(() => Connect("10.0.0.1", 80))
            .SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
        Should.Throw<InvalidOperationException>(server.StartServing);
    }

    [Fact]
    public void LoopServer_WaitClosed_WaitsUntilEveryClientDetaches()
    {
        var serverProtocols = new List<RecordingProtocol>();
        LoopServer server = StartServer(new IPEndPoint(s_a1, 80), serverProtocols);
        Connect("10.0.0.1", 80);
        RunUntilIdle();
        LoopTask waiter = _loop.CreateTask(_ => server.WaitClosedAsync(), "waiter");
        server.Close();
        RunUntilIdle();
        waiter.IsDone.ShouldBeFalse();
        server.CloseClients();
        _loop.RunUntilComplete(waiter);
        server.ClientCount.ShouldBe(0);
        serverProtocols[0].Calls.ShouldBe(["made", "lost"]);
    }

    [Fact]
    public void LoopServer_WaitClosed_ClosedWithoutClients_ReturnsAtOnce()
    {
        LoopServer server = StartServer(new IPEndPoint(s_a1, 80));
        server.Close();
        Task waited = server.WaitClosedAsync();
        waited.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Theory]
    [InlineData("ResolveHostAsync")]
    [InlineData("SocketConnectAsync")]
    [InlineData("MakeSocketTransport")]
    [InlineData("CreateListeningSocket")]
    [InlineData("StartServing")]
    public void Hook_NotOverridden_ThrowsNotSupportedNamingTheHook(string hook)
    {
        var loop = new TestLoop(null, hook);
        var ex = Should.Throw<NotSupportedException>(() => loop.RunUntilComplete(async _ =>
        {
            LoopServer server = await loop.CreateServerAsync(() => new RecordingProtocol(), "10.0.0.1", 80);
            loop.Hosts["svc"] = [s_a1];
            await loop.CreateConnectionAsync(() => new RecordingProtocol(), "svc", 80);
        }));
        ex.Message.ShouldContain($"TestLoop does not implement {hook}");
    }

    [Fact]
    public void Hook_StopServingNotOverridden_ThrowsOnServerClose()
    {
        var loop = new TestLoop(null, "StopServing");
        LoopServer server = loop.RunUntilComplete(_ => loop.CreateServerAsync(() => new RecordingProtocol(), "10.0.0.1", 80));
        Should.Throw<NotSupportedException>(server.Close).Message.ShouldContain("does not implement StopServing");
    }

    [Fact]
    public void Hook_DatagramNotOverridden_ThrowsNotSupported()
    {
        Should.Throw<NotSupportedException>(() => _loop.RunUntilComplete(_ =>
            _loop.CreateDatagramEndpointAsync(() => (IDatagramProtocol)null!, new IPEndPoint(s_a1, 53))))
            .Message.ShouldContain("does not implement CreateDatagramSocket");
    }

    private LoopServer StartServer(IPEndPoint at, List<RecordingProtocol>? protocols = null) =>
        _loop.RunUntilComplete(_ => _loop.CreateServerAsync(() => { var p = new RecordingProtocol(); protocols?.Add(p); return p; }, at.Address.ToString(), at.Port));

    private (ITransport Transport, RecordingProtocol Protocol) Connect(string host, int port) =>
        _loop.RunUntilComplete(_ => _loop.CreateConnectionAsync(() => new RecordingProtocol(), host, port));

    private void RunUntilIdle()
    {
        _loop.CallLater(1, _loop.Stop);
        _loop.RunForever();
    }
}
