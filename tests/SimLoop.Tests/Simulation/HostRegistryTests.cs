using System.Net;
using Shouldly;
using SimLoop.Hosts;
using SimLoop.Networking;
using Xunit;

namespace SimLoop.Tests.Simulation;

/// <summary>The host registry alone: the network made once by its factory, hosts by name in order, addresses to hosts.</summary>
public sealed class HostRegistryTests
{
    [Fact]
    public void Network_IsMadeOnceByTheFactory_WithDefaultOptionsOnFirstUse()
    {
        var loop = new SimulatedEventLoop();
        var made = new List<VirtualNetworkOptions>();
        var registry = new HostRegistry(options =>
        {
            made.Add(options);
            return new VirtualNetwork(loop.NetworkScheduler, options);
        });
        registry.HasNetwork.ShouldBeFalse();
        VirtualNetwork first = registry.Network;
        registry.Network.ShouldBeSameAs(first);
        made.Count.ShouldBe(1);
        registry.HasNetwork.ShouldBeTrue();
    }

    [Fact]
    public void ConfigureNetwork_Twice_IsRefusedWithTheFix()
    {
        var loop = new SimulatedEventLoop();
        var registry = new HostRegistry(options => new VirtualNetwork(loop.NetworkScheduler, options));
        registry.ConfigureNetwork(new VirtualNetworkOptions());
        Should.Throw<InvalidOperationException>(() => registry.ConfigureNetwork(new VirtualNetworkOptions()))
            .Message.ShouldContain("call ConfigureNetwork once");
    }

    [Fact]
    public void Hosts_AreFoundByNameAndAddress_AndListedInTheOrderAdded()
    {
        var loop = new SimulatedEventLoop();
        var registry = new HostRegistry(options => new VirtualNetwork(loop.NetworkScheduler, options));
        var b = new SimulatedHost(loop, registry.Network.AddHost("b", IPAddress.Parse("10.0.0.2")), start: null);
        var a = new SimulatedHost(loop, registry.Network.AddHost("a", IPAddress.Parse("10.0.0.1")), start: null);
        registry.Add(b);
        registry.Add(a);

        registry.Hosts.ShouldBe([b, a]);
        registry.Find("a").ShouldBeSameAs(a);
        registry.Find("c").ShouldBeNull();
        registry.FindVirtualHost(IPAddress.Parse("10.0.0.2"))!.Name.ShouldBe("b");
        registry.FindVirtualHost(IPAddress.Parse("10.9.9.9")).ShouldBeNull();
        Should.Throw<ArgumentException>(() => registry.Add(a));
    }

    [Fact]
    public void ACrashOnTheNetwork_ReachesTheRegisteredHost()
    {
        var loop = new SimulatedEventLoop();
        SimulatedHost host = loop.AddHost("h");
        CrashCounter counter = host.GetFeature(_ => new CrashCounter());
        loop.RunFor(TimeSpan.Zero);
        loop.Network.Crash("h");
        counter.Crashes.ShouldBe(1);
    }

    private sealed class CrashCounter : IHostFeature
    {
        public int Crashes { get; private set; }

        public void OnCrashed() => Crashes++;

        public void OnRestarting()
        {
        }
    }
}
