namespace SimLoop.Networking.Tests.Options;

public sealed class VirtualNetworkOptionsTests
{
    [Fact]
    public void Constructor_MtuBelowOne_ThrowsNamingOptionsAndTheSetting()
    {
        var e = Should.Throw<ArgumentException>(() => new VirtualNetwork(new ManualNetworkScheduler(), new VirtualNetworkOptions { Mtu = 0 }));

        e.ParamName.ShouldBe("options");
        e.Message.ShouldContain("options.Mtu must be at least 1 (it is 0)");
    }

    [Fact]
    public void Constructor_SeveralBadSettings_OneExceptionListsEveryOne()
    {
        var options = new VirtualNetworkOptions
        {
            Mtu = 0,
            ConnectTimeout = TimeSpan.Zero,
            MaxRetransmissions = -1,
            FirstEphemeralPort = 70_000,
            RetransmissionTimeout = TimeSpan.FromSeconds(2),
            MaxRetransmissionTimeout = TimeSpan.FromSeconds(1),
            DefaultLink = new LinkSettings { LossRate = 1.5, BandwidthBytesPerSecond = -1 },
        };

        var e = Should.Throw<ArgumentException>(() => new VirtualNetwork(new ManualNetworkScheduler(), options));

        e.ParamName.ShouldBe("options");
        e.Message.ShouldContain("options.Mtu must be at least 1");
        e.Message.ShouldContain("options.ConnectTimeout must be positive");
        e.Message.ShouldContain("options.MaxRetransmissions must be at least 0");
        e.Message.ShouldContain("options.FirstEphemeralPort must be a port number");
        e.Message.ShouldContain("options.MaxRetransmissionTimeout must be at least RetransmissionTimeout");
        e.Message.ShouldContain("options.DefaultLink.LossRate must be a probability between 0 and 1 (it is 1.5)");
        e.Message.ShouldContain("options.DefaultLink.BandwidthBytesPerSecond cannot be negative");
    }

    [Fact]
    public void Validate_SeveralBadSettings_OneOptionsValidationExceptionWithEachPropertyAsData()
    {
        var options = new VirtualNetworkOptions { Mtu = 0, FirstEphemeralPort = 0, DefaultLink = new LinkSettings { ReorderRate = -0.5 } };

        var e = Should.Throw<OptionsValidationException>(options.Validate);

        e.ParamName.ShouldBe("options");
        e.Problems.Select(p => p.Property).ShouldBe(["Mtu", "FirstEphemeralPort", "DefaultLink.ReorderRate"]);
        e.Problems[0].Problem.ShouldBe("must be at least 1 (it is 0)");
        e.Summary.ShouldBe("options.Mtu must be at least 1 (it is 0); options.FirstEphemeralPort must be a port number between 1 and 65535 (it is 0); "
            + "options.DefaultLink.ReorderRate must be a probability between 0 and 1 (it is -0.5).");
    }

    [Fact]
    public void OptionsValidationException_WithoutProblems_IsRejected() =>
        Should.Throw<ArgumentException>(() => new OptionsValidationException("options", [])).ParamName.ShouldBe("problems");

    [Fact]
    public void Constructor_NullDefaultLink_ThrowsSayingWhatToUse()
    {
        var e = Should.Throw<ArgumentException>(() => new VirtualNetwork(new ManualNetworkScheduler(), new VirtualNetworkOptions { DefaultLink = null! }));

        e.ParamName.ShouldBe("options");
        e.Message.ShouldContain("options.DefaultLink is required (use LinkSettings.Default");
    }

    [Fact]
    public void Constructor_NonPositiveConnectTimeout_Throws()
    {
        var options = new VirtualNetworkOptions { ConnectTimeout = TimeSpan.Zero };

        Should.Throw<ArgumentException>(() => new VirtualNetwork(new ManualNetworkScheduler(), options)).Message.ShouldContain("ConnectTimeout");
    }

    [Theory]
    [InlineData(nameof(VirtualNetworkOptions.RetransmissionTimeout))]
    [InlineData(nameof(VirtualNetworkOptions.SynRetransmissionTimeout))]
    public void Constructor_NonPositiveRetransmissionTimeout_ThrowsNamingIt(string property)
    {
        var options = property == nameof(VirtualNetworkOptions.RetransmissionTimeout)
            ? new VirtualNetworkOptions { RetransmissionTimeout = TimeSpan.Zero }
            : new VirtualNetworkOptions { SynRetransmissionTimeout = TimeSpan.FromTicks(-1) };

        Should.Throw<ArgumentException>(() => new VirtualNetwork(new ManualNetworkScheduler(), options)).Message.ShouldContain($"options.{property} must be positive");
    }

    [Fact]
    public void Constructor_InfiniteOrMaximalTimeouts_AreAccepted()
    {
        var options = new VirtualNetworkOptions
        {
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            RetransmissionTimeout = TimeSpan.MaxValue,
            MaxRetransmissionTimeout = TimeSpan.MaxValue,
            SynRetransmissionTimeout = TimeSpan.MaxValue,
        };

        Should.NotThrow(() => new VirtualNetwork(new ManualNetworkScheduler(), options));
    }

    [Fact]
    public void Defaults_FollowLinuxTcp()
    {
        var options = new VirtualNetworkOptions();

        options.ConnectTimeout.ShouldBeNull();
        options.SynRetransmissionTimeout.ShouldBe(TimeSpan.FromSeconds(1));
        options.MaxSynRetransmissions.ShouldBe(6);
        options.RetransmissionTimeout.ShouldBe(TimeSpan.FromMilliseconds(200));
        options.MaxRetransmissionTimeout.ShouldBe(TimeSpan.FromSeconds(120));
        options.MaxRetransmissions.ShouldBe(15);
    }

    [Fact]
    public void Constructor_NullScheduler_ThrowsNamingScheduler()
    {
        Should.Throw<ArgumentNullException>(() => new VirtualNetwork(null!)).ParamName.ShouldBe("scheduler");
    }
}
