namespace SimLoop.Networking.Tests.Streams;

/// <summary>The transport's copy-free write: all or nothing, only when a write would complete at once.</summary>
public sealed class VirtualStreamTryWriteAllTests
{
    [Fact]
    public void TryWriteAll_WhenItFits_DeliversTheBytesAsWriteAsyncWould()
    {
        var net = new TestNetwork();
        (VirtualStream client, VirtualStream server) = net.Connect();
        byte[] data = [1, 2, 3, 4, 5];

        client.TryWriteAll(data).ShouldBeTrue();
        data.AsSpan().Clear(); // taken by copy: the caller may reuse its buffer at once
        client.ShutdownWrite();

        net.ReadToEnd(server).ShouldBe([1, 2, 3, 4, 5]);
    }

    [Fact]
    public void TryWriteAll_WhenLargerThanTheFreeSendBuffer_TakesNothing()
    {
        var net = new TestNetwork(new VirtualNetworkOptions { SendBufferSize = 1024 });
        (VirtualStream client, VirtualStream server) = net.Connect();

        client.TryWriteAll(new byte[1025]).ShouldBeFalse();
        client.ShutdownWrite();

        net.ReadToEnd(server).ShouldBeEmpty();
    }

    [Fact]
    public void TryWriteAll_AfterShutdownWrite_TakesNothing()
    {
        var net = new TestNetwork();
        (VirtualStream client, _) = net.Connect();
        client.ShutdownWrite();

        client.TryWriteAll([1]).ShouldBeFalse();
    }
}
