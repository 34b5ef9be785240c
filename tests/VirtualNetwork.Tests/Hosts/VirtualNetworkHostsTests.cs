using System.Net;
using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Hosts;

public sealed class VirtualNetworkHostsTests
{
    [Fact]
    public void AddHost_NoAddress_AllocatesTenDotZeroDotZeroDotNInOrder()
    {
        var net = new TestNetwork();

        VirtualHost third = net.Network.AddHost("third");

        net.Client.Addresses.ShouldBe([IPAddress.Parse("10.0.0.1")]);
        net.Server.Addresses.ShouldBe([IPAddress.Parse("10.0.0.2")]);
        third.Addresses.ShouldBe([IPAddress.Parse("10.0.0.3")]);
    }

    [Fact]
    public void AddHost_AutomaticAddress_SkipsAddressesGivenExplicitly()
    {
        var scheduler = new ManualNetworkScheduler();
        var network = new VirtualNetwork(scheduler);
        network.AddHost("explicit", IPAddress.Parse("10.0.0.1"));

        network.AddHost("auto").Addresses.ShouldBe([IPAddress.Parse("10.0.0.2")]);
    }

    [Fact]
    public void AddHost_DuplicateNameOrAddress_ThrowsNamingTheArgument()
    {
        var net = new TestNetwork();

        Should.Throw<ArgumentException>(() => net.Network.AddHost("CLIENT")).ParamName.ShouldBe("name");
        Should.Throw<ArgumentException>(() => net.Network.AddHost("other", net.Server.Addresses[0])).ParamName.ShouldBe("addresses");
        Should.Throw<ArgumentException>(() => net.Network.AddHost("10.1.2.3")).ParamName.ShouldBe("name");
    }

    [Fact]
    public void Resolve_KnownName_ReturnsAllAddressesInTheGivenOrder()
    {
        var net = new TestNetwork();
        IPAddress v6 = IPAddress.Parse("fd00::7");
        IPAddress v4 = IPAddress.Parse("192.168.0.7");
        net.Network.AddHost("dual", v6, v4);

        net.Network.Resolve("dual").ShouldBe([v6, v4]);
        net.Scheduler.Pump(net.Network.ResolveAsync("DUAL")).ShouldBe([v6, v4]);
    }

    [Fact]
    public void Resolve_IpLiteral_ReturnsItWithoutLookup()
    {
        var net = new TestNetwork();

        net.Network.Resolve("172.16.0.9").ShouldBe([IPAddress.Parse("172.16.0.9")]);
        net.Network.Resolve("::1").ShouldBe([IPAddress.IPv6Loopback]);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsHostNotFound()
    {
        var net = new TestNetwork();

        Should.Throw<SocketException>(() => net.Network.Resolve("nowhere")).SocketErrorCode.ShouldBe(SocketError.HostNotFound);
        SocketAssert.FailsWithSocketError(net.Network.ResolveAsync("nowhere"), SocketError.HostNotFound);
    }

    [Fact]
    public void AddHost_IsRecordedInTheTrace()
    {
        var net = new TestNetwork();

        net.EventsOf(NetworkEventKind.HostAdded).Select(e => (e.From, e.Detail)).ShouldBe([("client", "10.0.0.1"), ("server", "10.0.0.2")]);
    }
}
