namespace SimLoop.Networking.Tests;

public sealed class VirtualNetworkOptionsTests
{
    [Fact]
    public void Constructor_MtuBelowOne_ThrowsNamingOptionsAndTheSetting()
    {
        var e = Should.Throw<ArgumentOutOfRangeException>(() => new VirtualNetwork(new ManualNetworkScheduler(), new VirtualNetworkOptions { Mtu = 0 }));

        e.ParamName.ShouldBe("options");
        e.Message.ShouldContain("Mtu");
    }

    [Fact]
    public void Constructor_DefaultLinkLossRateAboveOne_ThrowsNamingTheSetting()
    {
        var options = new VirtualNetworkOptions { DefaultLink = new LinkSettings { LossRate = 1.5 } };

        Should.Throw<ArgumentOutOfRangeException>(() => new VirtualNetwork(new ManualNetworkScheduler(), options)).Message.ShouldContain("LossRate");
    }

    [Fact]
    public void Constructor_NonPositiveConnectTimeout_Throws()
    {
        var options = new VirtualNetworkOptions { ConnectTimeout = TimeSpan.Zero };

        Should.Throw<ArgumentOutOfRangeException>(() => new VirtualNetwork(new ManualNetworkScheduler(), options)).Message.ShouldContain("ConnectTimeout");
    }

    [Fact]
    public void Constructor_NullScheduler_ThrowsNamingScheduler()
    {
        Should.Throw<ArgumentNullException>(() => new VirtualNetwork(null!)).ParamName.ShouldBe("scheduler");
    }
}
