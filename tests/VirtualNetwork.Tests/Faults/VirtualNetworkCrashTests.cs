using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Faults;

public sealed class VirtualNetworkCrashTests
{
    [Fact]
    public void Crash_PeerOfCrashedHostGetsConnectionReset()
    {
        var net = new TestNetwork();
        var (_, server) = net.Connect();
        Task<int> read = server.ReadAsync(new byte[8]).AsTask();

        net.Network.Crash("client");
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithIOError(read, SocketError.ConnectionReset);
    }

    [Fact]
    public void Crash_PendingOperationsOnCrashedSideFail()
    {
        var net = new TestNetwork();
        VirtualListener listener = net.Network.Listen("server", TestNetwork.Port);
        var (_, server) = net.Connect(listener);
        Task<int> read = server.ReadAsync(new byte[8]).AsTask();
        Task<VirtualStream> accept = listener.AcceptAsync().AsTask();

        net.Network.Crash("server");
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithIOError(read, SocketError.ConnectionAborted);
        SocketAssert.FailsWithSocketError(accept, SocketError.OperationAborted);
        SocketAssert.FailsWithIOError(server.WriteAsync(new byte[1]).AsTask(), SocketError.ConnectionAborted);
    }

    [Fact]
    public void Crash_PendingConnectFromCrashedHostFailsWithConnectionAborted()
    {
        var net = new TestNetwork();
        net.Network.Listen("server", TestNetwork.Port);
        net.Network.Hold("client", "server");
        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);

        net.Network.Crash("client");
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithSocketError(connect, SocketError.ConnectionAborted);
    }

    [Fact]
    public void Crash_RaisesHostCrashedAndListenersVanish()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { ConnectTimeout = TimeSpan.FromSeconds(1) });
        net.Network.Listen("server", TestNetwork.Port);
        VirtualHost? crashed = null;
        net.Network.HostCrashed += h => crashed = h;

        net.Network.Crash("server");

        crashed.ShouldBe(net.Server);
        net.Server.IsUp.ShouldBeFalse();
        Task<VirtualStream> connect = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunUntilIdle();
        SocketAssert.FailsWithSocketError(connect, SocketError.TimedOut);
    }

    [Fact]
    public void Restart_RaisesHostRestarted_HostComesBackWithSameAddressesAndNoListeners()
    {
        var net = new TestNetwork();
        net.Network.Listen("server", TestNetwork.Port);
        var addresses = net.Server.Addresses.ToList();
        VirtualHost? restarted = null;
        net.Network.HostRestarted += h => restarted = h;
        net.Network.Crash("server");

        net.Network.Restart("server");

        restarted.ShouldBe(net.Server);
        net.Server.Addresses.ShouldBe(addresses);
        Task<VirtualStream> refused = net.Network.ConnectAsync("client", net.ServerEndPoint);
        net.Scheduler.RunUntilIdle();
        SocketAssert.FailsWithSocketError(refused, SocketError.ConnectionRefused);
        net.Connect().Server.ShouldNotBeNull();
    }

    [Fact]
    public void Crash_DatagramSocketOfCrashedHost_FailsPendingReceiveAndRefusesSends()
    {
        var net = new TestNetwork();
        VirtualDatagramSocket socket = net.Network.Bind("server", 53);
        Task<VirtualDatagram> receive = socket.ReceiveFromAsync().AsTask();

        net.Network.Crash("server");
        net.Scheduler.RunUntilIdle();

        SocketAssert.FailsWithSocketError(receive, SocketError.OperationAborted);
        SocketAssert.FailsWithSocketError(socket.SendToAsync(new byte[1], net.ServerEndPoint).AsTask(), SocketError.NetworkDown);
    }

    [Fact]
    public void Restart_HostNotCrashed_ThrowsInvalidOperation()
    {
        var net = new TestNetwork();

        Should.Throw<InvalidOperationException>(() => net.Network.Restart("server"));
    }
}
